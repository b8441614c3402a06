import { ApiOkResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

type SchemaObject = NonNullable<Extract<Parameters<typeof ApiOkResponse>[0], { schema?: unknown }>['schema']>;
import { IsDefined, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import type { IndexedAsset } from '../indexer/domain/indexed-asset.js';

/**
 * The Aquarius / Ocean Node shapes ocean.js 8.6.2 reads. They are Ocean's documents (a DDO is open
 * ended), so they are described as open objects with their known top-level fields.
 */
export const RESOLVED_ASSET_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: true,
  description:
    'The DDO, with top-level `datatokens: [{address, name, symbol, serviceId}]` and `indexedMetadata: {nft: {address, state, owner, name, symbol, tokenURI, created}, event: {txid, from, contract, block, datetime}, stats: [{datatokenAddress, name, symbol, serviceId, orders, prices: [{type, price, token, contract, exchangeId}]}], purgatory: {state}}`',
  required: ['id', 'datatokens', 'indexedMetadata'],
  properties: {
    id: { type: 'string', example: 'did:op:…' },
    datatokens: { type: 'array', items: { type: 'object', additionalProperties: true } },
    indexedMetadata: { type: 'object', additionalProperties: true },
  },
};

export const METADATA_SCHEMA: SchemaObject = { type: 'object', additionalProperties: true, description: "The DDO's `metadata`" };

export const SEARCH_HITS_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: true,
  description: 'Elasticsearch answer shape: `{hits: {total: {value, relation}, max_score, hits: [{_index, _id, _score, _source}]}}`',
  required: ['hits'],
  properties: { hits: { type: 'object', additionalProperties: true } },
};

export const QUERY_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: true,
  description:
    'An Elasticsearch-like body `{query, from, size, sort}`. Supported clauses: match_all; term, terms, match, match_phrase (dotted fields such as id, nftAddress, chainId, metadata.type, datatokens.address; `.keyword` ignored; strings without case); range; exists; bool (must, filter, should, must_not, minimum_should_match); query_string and multi_match (every word of the query in the fields). sort: {field: asc|desc}. size at most 1000; search text at most 1000 characters; terms at most 1000 values. Anything else: 400.',
  example: { query: { bool: { filter: [{ term: { chainId: 8996 } }, { term: { 'metadata.type': 'dataset' } }] } }, from: 0, size: 10 },
};

export class ValidateDdoDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The DDO (4.1.0) to validate and hash' })
  @IsDefined()
  @IsObject()
  ddo: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'The publisher, whose signature over publisherAddress + nonce + "validateDDO" is checked when given',
  })
  @IsOptional()
  @IsString()
  @MaxLength(42)
  publisherAddress?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  nonce?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  signature?: string;
}

export class DdoValidationDto {
  @ApiProperty({ description: "'0x' + sha256(JSON.stringify(ddo)): the metadata hash to set on chain" }) hash: string;
  @ApiProperty({ description: "The provider's address (the validator)" }) publicKey: string;
  @ApiProperty({ type: [String], description: 'Signature r, as a one-element array (ocean.js reads r[0])' }) r: string[];
  @ApiProperty({ type: [String], description: 'Signature s, as a one-element array (ocean.js reads s[0])' }) s: string[];
  @ApiProperty({ description: '27 or 28' }) v: number;
}

/** ocean.js's resolved asset: the DDO first, then what the indexer adds. */
export function mapResolvedAsset(asset: IndexedAsset): Record<string, unknown> {
  return {
    ...asset.ddo,
    datatokens: asset.datatokens,
    indexedMetadata: { nft: asset.nft, event: asset.event, stats: asset.stats, purgatory: { state: false } },
  };
}
