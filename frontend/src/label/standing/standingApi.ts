import type { Schemas } from '../../api';
import { api } from '../../session/api';
import type { LabelResult } from '../types';

/** Where the signed-in annotator stands: their suspension, their labels with the quality check. */

export type MySuspension = Schemas['MySuspensionDto'];
export type MyLabels = Schemas['MyLabelsDto'];
export type MyLabel = Schemas['MyLabelDto'];
export type MyLabelDetail = Schemas['MyLabelDetailDto'];

export async function getMySuspension(): Promise<MySuspension | null> {
  return (await api<Schemas['MyStandingDto']>('GET', '/api/me/suspension')).body.suspension;
}

export async function requestReview(message: string): Promise<MySuspension | null> {
  return (await api<Schemas['MyStandingDto']>('POST', '/api/me/suspension/review-request', { message })).body.suspension;
}

export async function getMyLabels(): Promise<MyLabels> {
  return (await api<MyLabels>('GET', '/api/me/labels')).body;
}

export async function getMyLabel(id: number): Promise<MyLabelDetail> {
  return (await api<MyLabelDetail>('GET', `/api/me/labels/${id}`)).body;
}

export async function correctLabel(id: number, result: LabelResult): Promise<MyLabelDetail> {
  return (await api<MyLabelDetail>('PUT', `/api/me/labels/${id}`, { result })).body;
}
