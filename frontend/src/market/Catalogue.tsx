import {
  Box,
  Card,
  CardActionArea,
  CardContent,
  Chip,
  FormControl,
  InputLabel,
  MenuItem,
  Pagination,
  Select,
  Slider,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { t } from '../i18n/i18n';
import { formatBytes, formatPrice, formatShare } from './format';
import { listAssets, type CataloguePage, type MarketSort } from './marketApi';
import { assetPath, navigateMarket } from './router';

const PER_PAGE = 12;

/** The catalogue's state lives in the URL, so a search can be shared and the back button works. */
function readSearch(search: string) {
  const params = new URLSearchParams(search);
  const number = (key: string) => (params.get(key) === null ? undefined : Number(params.get(key)));
  return {
    q: params.get('q') ?? '',
    taskType: params.get('taskType') ?? '',
    license: params.get('license') ?? '',
    kind: params.get('kind') ?? '',
    price: params.get('price') ?? '',
    agreementMin: number('agreementMin'),
    confidenceMin: number('confidenceMin'),
    sort: (params.get('sort') as MarketSort | null) ?? 'newest',
    page: Math.max(0, (number('page') ?? 1) - 1),
  };
}

type SearchState = ReturnType<typeof readSearch>;

function writeSearch(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of ['taskType', 'license', 'kind', 'price'] as const) if (state[key]) params.set(key, state[key]);
  if (state.agreementMin !== undefined) params.set('agreementMin', String(state.agreementMin));
  if (state.confidenceMin !== undefined) params.set('confidenceMin', String(state.confidenceMin));
  if (state.sort !== 'newest') params.set('sort', state.sort);
  if (state.page > 0) params.set('page', String(state.page + 1));
  const text = params.toString();
  return text ? `/market?${text}` : '/market';
}

function FacetSelect(props: {
  id: string;
  label: string;
  value: string;
  counts: Record<string, number> | undefined;
  onChange: (value: string) => void;
}) {
  const values = Object.entries(props.counts ?? {}).sort((a, b) => b[1] - a[1]);
  return (
    <FormControl size="small" fullWidth>
      <InputLabel id={`${props.id}-label`}>{props.label}</InputLabel>
      <Select
        labelId={`${props.id}-label`}
        label={props.label}
        value={props.value}
        onChange={(event) => props.onChange(String(event.target.value))}
      >
        <MenuItem value="">{t('tessera.market.any')}</MenuItem>
        {values.map(([value, count]) => (
          <MenuItem key={value} value={value}>
            {value} ({count})
          </MenuItem>
        ))}
        {props.value && !props.counts?.[props.value] && <MenuItem value={props.value}>{props.value} (0)</MenuItem>}
      </Select>
    </FormControl>
  );
}

export function Catalogue({ search }: { search: string }) {
  const state = useMemo(() => readSearch(search), [search]);
  const [text, setText] = useState(state.q);
  const [result, setResult] = useState<CataloguePage | undefined>();
  const [error, setError] = useState<string | undefined>();
  const update = (change: Partial<SearchState>) => navigateMarket(writeSearch({ ...state, page: 0, ...change }));

  useEffect(() => {
    let current = true;
    const filter: Record<string, string | number | boolean> = {};
    if (state.taskType) filter['taskType'] = state.taskType;
    if (state.license) filter['license'] = state.license;
    if (state.kind) filter['kind'] = state.kind;
    if (state.price === 'free') filter['free'] = true;
    if (state.price === 'paid') filter['free'] = false;
    if (state.agreementMin !== undefined) filter['agreementMin'] = state.agreementMin;
    if (state.confidenceMin !== undefined) filter['confidenceMin'] = state.confidenceMin;
    listAssets({
      q: state.q,
      filter,
      sort: state.sort,
      order: state.sort === 'price' ? 'ASC' : 'DESC',
      page: state.page,
      perPage: PER_PAGE,
    })
      .then((page) => current && (setResult(page), setError(undefined)))
      .catch((caught: unknown) => current && setError(caught instanceof Error ? caught.message : String(caught)));
    return () => {
      current = false;
    };
  }, [state]);

  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} alignItems="flex-start">
      <Box component="aside" aria-label={t('tessera.market.filters')} sx={{ width: { xs: '100%', md: 260 }, flexShrink: 0 }}>
        <Stack spacing={2}>
          <form
            role="search"
            onSubmit={(event) => {
              event.preventDefault();
              update({ q: text });
            }}
          >
            <TextField
              size="small"
              fullWidth
              label={t('tessera.market.search')}
              value={text}
              onChange={(event) => setText(event.target.value)}
              type="search"
            />
          </form>
          <FacetSelect
            id="task"
            label={t('tessera.market.taskType')}
            value={state.taskType}
            counts={result?.facets?.taskType}
            onChange={(taskType) => update({ taskType })}
          />
          <FacetSelect
            id="license"
            label={t('tessera.market.license')}
            value={state.license}
            counts={result?.facets?.license}
            onChange={(license) => update({ license })}
          />
          <FacetSelect
            id="kind"
            label={t('tessera.market.kind')}
            value={state.kind}
            counts={result?.facets?.kind}
            onChange={(kind) => update({ kind })}
          />
          <FacetSelect
            id="price"
            label={t('tessera.market.price')}
            value={state.price}
            counts={result?.facets ? { free: result.facets.free['true'] ?? 0, paid: result.facets.free['false'] ?? 0 } : undefined}
            onChange={(price) => update({ price })}
          />
          <Box>
            <Typography id="agreement-label" variant="body2">
              {t('tessera.market.agreementMin', { value: formatShare(state.agreementMin ?? 0) })}
            </Typography>
            <Slider
              aria-labelledby="agreement-label"
              min={0}
              max={1}
              step={0.05}
              value={state.agreementMin ?? 0}
              onChangeCommitted={(_, value) => update({ agreementMin: value || undefined })}
            />
          </Box>
          <Box>
            <Typography id="confidence-label" variant="body2">
              {t('tessera.market.confidenceMin', { value: formatShare(state.confidenceMin ?? 0) })}
            </Typography>
            <Slider
              aria-labelledby="confidence-label"
              min={0}
              max={1}
              step={0.05}
              value={state.confidenceMin ?? 0}
              onChangeCommitted={(_, value) => update({ confidenceMin: value || undefined })}
            />
          </Box>
        </Stack>
      </Box>
      <Box component="section" aria-labelledby="results-title" sx={{ flexGrow: 1, width: '100%' }}>
        <Stack direction="row" justifyContent="space-between" alignItems="center" sx={{ mb: 2 }}>
          <Typography id="results-title" variant="h6" component="h2" role="status">
            {result ? t('tessera.market.results', { smart_count: result.total }) : t('tessera.market.loading')}
          </Typography>
          <FormControl size="small" sx={{ minWidth: 160 }}>
            <InputLabel id="sort-label">{t('tessera.market.sort')}</InputLabel>
            <Select
              labelId="sort-label"
              label={t('tessera.market.sort')}
              value={state.sort}
              onChange={(event) => update({ sort: event.target.value })}
            >
              {(['newest', 'price', 'quality', 'sales'] as const).map((sort) => (
                <MenuItem key={sort} value={sort}>
                  {t(`tessera.market.sorts.${sort}`)}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
        </Stack>
        {error && (
          <Typography role="alert" color="error">
            {error}
          </Typography>
        )}
        {result && result.assets.length === 0 && <Typography>{t('tessera.market.empty')}</Typography>}
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: '1fr 1fr 1fr' } }}>
          {result?.assets.map((asset) => (
            <Card key={asset.did} variant="outlined" component="article" aria-label={asset.name}>
              <CardActionArea
                href={assetPath(asset.did)}
                onClick={(event) => (event.preventDefault(), navigateMarket(assetPath(asset.did)))}
              >
                <CardContent>
                  <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
                    {asset.name || asset.did}
                  </Typography>
                  <Typography
                    variant="body2"
                    color="text.secondary"
                    sx={{ mb: 1, overflow: 'hidden', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical' }}
                  >
                    {asset.description}
                  </Typography>
                  <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap sx={{ mb: 1 }}>
                    {asset.taskType && <Chip size="small" label={asset.taskType} />}
                    {asset.kind && <Chip size="small" label={t(`tessera.market.kinds.${asset.kind}`)} />}
                    {asset.external && <Chip size="small" label={t('tessera.market.external')} />}
                    {asset.license && <Chip size="small" variant="outlined" label={asset.license} />}
                  </Stack>
                  <Typography variant="body2">
                    <strong>{formatPrice(asset.price, asset.free)}</strong> · {formatBytes(asset.sizeBytes)} ·{' '}
                    {t('tessera.market.labelsCount', { smart_count: asset.labelCount ?? 0 })}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {t('tessera.market.qualityLine', {
                      agreement: formatShare(asset.agreement),
                      confidence: formatShare(asset.confidence),
                      sales: asset.sales,
                    })}
                  </Typography>
                </CardContent>
              </CardActionArea>
            </Card>
          ))}
        </Box>
        {result && result.total > PER_PAGE && (
          <Pagination
            sx={{ mt: 2 }}
            count={Math.ceil(result.total / PER_PAGE)}
            page={state.page + 1}
            onChange={(_, page) => navigateMarket(writeSearch({ ...state, page: page - 1 }))}
          />
        )}
      </Box>
    </Stack>
  );
}
