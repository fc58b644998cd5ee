/**
 * The queryable knowledge base: KnowledgeBaseData plus indexes. STUB: being written (lookups, search index).
 */
import type { KnowledgeBaseData } from './records.ts';

export class KnowledgeBase {
  constructor(readonly data: KnowledgeBaseData) {}
}
