import { Box } from '@mui/material';
import type { Box as Region, Span } from '../../label/types';
import { BoxesWidget } from '../../label/widgets/BoxesWidget';
import { ClassificationWidget } from '../../label/widgets/ClassificationWidget';
import { MultiLabelWidget } from '../../label/widgets/MultiLabelWidget';
import { SpansWidget } from '../../label/widgets/SpansWidget';
import { TextWidget } from '../../label/widgets/TextWidget';
// The annotator app's theme (colours, label colours, focus ring), all scoped under .tessera-label.
import '../../label/label.css';
import type { ProjectType } from '../types';
import { itemImage, type ItemContent } from './itemContent';

export interface ResultWidgetProps {
  type: ProjectType;
  labels: readonly string[];
  item: ItemContent;
  /** A label result in the project's shape (`{boxes}`, `{spans}`, `{label}`, `{labels}`, `{text}`). */
  value: unknown;
  /** Without it the result is only drawn: boxes over the image, spans over the text, nothing to edit. */
  onChange?: (result: unknown) => void;
  /** Editable but not now (drawing hints and label buttons still shown): the widgets listen to the whole window's keys. */
  paused?: boolean;
  /** An image other than the item's own (the project form's sample scene). */
  imageSrc?: string;
}

function field<T>(value: unknown, key: string, fallback: T): T {
  return typeof value === 'object' && value !== null && key in value ? ((value as Record<string, unknown>)[key] as T) : fallback;
}

function size(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

/**
 * A label result in the annotators' own widget (frontend/src/label/widgets): the reviewer edits an
 * answer where it was made, and the console's pages draw results rather than print them. Read-only
 * is the widgets' `disabled` with their drawing hints and label buttons hidden (until the widgets
 * have a read-only mode of their own).
 */
export function ResultWidget({ type, labels, item, value, onChange, paused = false, imageSrc }: ResultWidgetProps) {
  const readOnly = onChange === undefined;
  const disabled = readOnly || paused;
  const change = onChange ?? (() => undefined);
  const data = item.data ?? {};
  let widget;
  switch (type) {
    case 'boxes':
      widget = (
        <BoxesWidget
          src={imageSrc ?? itemImage(item)}
          width={size(data['width']) ?? size(item.media?.width)}
          height={size(data['height']) ?? size(item.media?.height)}
          labels={labels}
          value={field<Region[]>(value, 'boxes', [])}
          onChange={(boxes) => change({ boxes })}
          disabled={disabled}
        />
      );
      break;
    case 'spans':
      widget = (
        <SpansWidget
          text={typeof data['text'] === 'string' ? data['text'] : ''}
          labels={labels}
          value={field<Span[]>(value, 'spans', [])}
          onChange={(spans) => change({ spans })}
          disabled={disabled}
        />
      );
      break;
    case 'classification':
      widget = (
        <ClassificationWidget
          labels={labels}
          value={field<string | null>(value, 'label', null)}
          onChange={(label) => change({ label })}
          disabled={disabled}
        />
      );
      break;
    case 'multilabel':
      widget = (
        <MultiLabelWidget
          labels={labels}
          value={field<string[]>(value, 'labels', [])}
          onChange={(chosen) => change({ labels: chosen })}
          disabled={disabled}
        />
      );
      break;
    case 'text':
      widget = <TextWidget value={field<string>(value, 'text', '')} onChange={(text) => change({ text })} disabled={disabled} />;
      break;
  }
  return (
    <Box
      className="tessera-label"
      data-readonly={readOnly || undefined}
      sx={{
        minWidth: 0,
        maxWidth: '100%',
        minHeight: 0,
        background: 'transparent',
        fontSize: 15,
        ...(readOnly && { '& .hint, & .label-buttons, & .remove, & .list-title': { display: 'none' } }),
      }}
    >
      {widget}
    </Box>
  );
}
