import { Box, Card, CardContent, CardHeader, Typography } from '@mui/material';
import { useState, type FocusEvent } from 'react';
import { useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { ResultWidget } from '../results/ResultWidget';
import type { ProjectType } from '../types';
import { sampleItem } from './templates';

/**
 * What an annotator will see, live as the schema is edited: the instructions and the widget of the
 * project's type with its labels, on a sample item. It can be tried out once focused (clicked or
 * tabbed into): the widgets answer keys on the whole window, which must not reach them while the
 * admin types in the form.
 */
export function AnnotatorPreview() {
  const translate = useTranslate();
  const type = useWatch({ name: 'type' }) as ProjectType | undefined;
  const labels = (useWatch({ name: 'labels' }) as string[] | undefined) ?? [];
  const instructions = (useWatch({ name: 'instructions' }) as string | undefined) ?? '';
  const [tried, setTried] = useState<{ type: ProjectType | undefined; result: unknown }>({ type: undefined, result: undefined });
  const [active, setActive] = useState(false);
  const result = tried.type === type ? tried.result : undefined;
  const item = type ? sampleItem(type) : undefined;

  function onBlur(event: FocusEvent<HTMLElement>) {
    if (!event.currentTarget.contains(event.relatedTarget)) setActive(false);
  }

  return (
    <Card
      variant="outlined"
      component="section"
      aria-label={translate('tessera.admin.projects.preview.title')}
      sx={{ width: '100%', minWidth: 0 }}
    >
      <CardHeader
        title={translate('tessera.admin.projects.preview.title')}
        subheader={translate(active ? 'tessera.admin.projects.preview.active' : 'tessera.admin.projects.preview.help')}
        slotProps={{ title: { component: 'h2', variant: 'h6' } }}
      />
      <CardContent>
        {!type || !item ? (
          <Typography variant="body2" color="text.secondary">
            {translate('tessera.admin.projects.preview.noType')}
          </Typography>
        ) : (
          <Box onFocus={() => setActive(true)} onBlur={onBlur} onPointerDown={() => setActive(true)} data-testid="annotator-preview">
            {instructions.trim() !== '' && (
              <Typography variant="body2" sx={{ mb: 1, whiteSpace: 'pre-wrap' }}>
                {instructions}
              </Typography>
            )}
            {type !== 'text' && labels.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                {translate('tessera.admin.projects.preview.noLabels')}
              </Typography>
            ) : (
              <>
                {type !== 'spans' && type !== 'boxes' && typeof item.data['text'] === 'string' && (
                  <Typography variant="body1" sx={{ mb: 1 }}>
                    {item.data['text']}
                  </Typography>
                )}
                <ResultWidget
                  key={type}
                  type={type}
                  labels={labels}
                  item={item}
                  imageSrc={typeof item.data['image'] === 'string' ? item.data['image'] : undefined}
                  value={result}
                  onChange={(next) => setTried({ type, result: next })}
                  paused={!active}
                />
              </>
            )}
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
