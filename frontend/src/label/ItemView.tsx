import { t } from '../i18n/i18n';
import './ItemView.css';
import type { ItemData } from './types';

const LAYOUT_FIELDS = new Set(['text', 'image', 'width', 'height']);

/** The item for types whose widget does not show it itself: its text, its image, its other fields. */
export function ItemView({ data, imageSrc }: { data: ItemData; imageSrc: string | undefined }) {
  const others = Object.entries(data).filter(([key, value]) => !LAYOUT_FIELDS.has(key) && value !== null && value !== undefined);
  return (
    <div className="item-view">
      {typeof data.text === 'string' && <p className="item-text">{data.text}</p>}
      {imageSrc && <img className="item-image" src={imageSrc} alt={t('tessera.label.image')} />}
      {others.length > 0 && (
        <dl className="item-fields">
          {others.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
