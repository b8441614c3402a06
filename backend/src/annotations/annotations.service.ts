import { Inject, Injectable } from '@nestjs/common';
import { canAccess, type Caller } from '../access/access.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import { ItemRefs } from '../items/domain/item-refs.js';
import type { ListPage, ListQuery } from '../http/list-query.js';
import { labelsSubmitted } from '../observability/metrics.js';
import { itemShapeOf, validateResult, type ProjectType } from '../projects/domain/label-schema.js';
import { CreditService } from '../rewards/credit.service.js';
import { mapAnnotation, type ANNOTATION_FILTERS, type AnnotationDto } from './annotation.dto.js';
import { AnnotationException } from './annotations.exception.js';
import { AnnotationsRepository } from './annotations.repository.js';

@Injectable()
export class AnnotationsService {
  private readonly itemRefs: ItemRefs;

  constructor(
    private readonly annotations: AnnotationsRepository,
    private readonly credit: CreditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.itemRefs = new ItemRefs(config.jwtSecret);
  }

  /** Those who may read all labels see all; everyone else sees only their own, with items named as their assignments named them. */
  async list(caller: Caller, query: ListQuery<(typeof ANNOTATION_FILTERS)[number]>): Promise<ListPage<AnnotationDto>> {
    const readsAll = canAccess(caller.roles, 'annotation.read-all');
    // Their items are named by references of their own (ItemRefs), so that a gold item served out of
    // turn does not stand out by its id: filtering or sorting by the raw id would map each back.
    if (!readsAll && query.filter.itemId !== undefined) {
      throw new AnnotationException(ErrorCode.VALIDATION_FAILED, 'filter.itemId is for those who read every label', 'filter.itemId');
    }
    if (!readsAll && query.sortField === 'itemId') {
      throw new AnnotationException(ErrorCode.VALIDATION_FAILED, 'sorting by itemId is for those who read every label', 'sort');
    }
    const page = await this.annotations.list(query, readsAll ? undefined : caller.id);
    return {
      rows: page.rows.map((r) =>
        mapAnnotation(
          r.annotation,
          r.annotatorAddress,
          readsAll ? undefined : this.itemRefs.of(r.annotation.annotatorId, r.annotation.itemId),
        ),
      ),
      total: page.total,
    };
  }

  async get(caller: Caller, id: number): Promise<AnnotationDto> {
    const row = await this.annotations.findById(id);
    const readsAll = canAccess(caller.roles, 'annotation.read-all');
    if (!row || (row.annotation.annotatorId !== caller.id && !readsAll)) {
      throw new AnnotationException(ErrorCode.ANNOTATION_NOT_FOUND, `Annotation ${id} not found`);
    }
    return mapAnnotation(
      row.annotation,
      row.annotatorAddress,
      readsAll ? undefined : this.itemRefs.of(row.annotation.annotatorId, row.annotation.itemId),
    );
  }

  async create(caller: Caller, itemId: number, result: unknown, leadTimeMs: number): Promise<AnnotationDto> {
    const checked = await this.check(itemId, result);
    const id = await this.annotations.createDirect(itemId, caller.id, checked, leadTimeMs);
    if (id === undefined) throw new AnnotationException(ErrorCode.ASSIGNMENT_CLOSED, `You already labeled item ${itemId}`, 'itemId');
    labelsSubmitted.inc();
    return this.get(caller, id);
  }

  async update(caller: Caller, id: number, result: unknown): Promise<AnnotationDto> {
    const row = await this.annotations.findById(id);
    if (!row) throw new AnnotationException(ErrorCode.ANNOTATION_NOT_FOUND, `Annotation ${id} not found`);
    await this.annotations.updateResult(id, await this.check(row.annotation.itemId, result));
    return this.get(caller, id);
  }

  /** Deletes the label; whatever it earned is reversed in the ledger in the same transaction. */
  async delete(caller: Caller, id: number): Promise<AnnotationDto> {
    const existing = await this.get(caller, id);
    await this.annotations.delete(id, (manager, removed) =>
      this.credit.reverseRewardsOf(manager, removed, `annotation ${id} deleted by user ${caller.id}`),
    );
    return existing;
  }

  private async check(itemId: number, result: unknown): Promise<unknown> {
    const context = await this.annotations.context(itemId);
    if (!context) throw new AnnotationException(ErrorCode.ITEM_NOT_FOUND, `Item ${itemId} not found`, 'itemId');
    const schema = { type: context.type as ProjectType, labels: context.labels };
    const checked = validateResult(schema, itemShapeOf(context.data, context.media), result);
    if (!checked.ok) throw new AnnotationException(ErrorCode.RESULT_INVALID, `${checked.field} ${checked.message}`, checked.field);
    return checked.result;
  }
}
