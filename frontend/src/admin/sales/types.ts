import type { RaRecord } from 'react-admin';
import type { Schemas } from '../../api';

/** One order of a dataset asset (the chain indexer's), with what the annotators got. Amounts are decimal token strings. */
export type Sale = Schemas['SaleDto'] & RaRecord<number>;
/** A dataset version's orders and revenue; `id` is the version's. */
export type DatasetRevenue = Schemas['DatasetRevenueDto'];
/** What an annotator got from sales; `id` is the annotator's. */
export type AnnotatorRevenue = Schemas['AnnotatorRevenueDto'];
export type Revenue = Schemas['RevenueDto'];
export type SalesSettings = Schemas['SalesSettingsDto'];
export type Listing = Schemas['ListingDto'];
