import type { attachments, disputes } from '../../store/schema.js';

type DisputeRow = typeof disputes.$inferSelect;
type AttachmentRow = Pick<
  typeof attachments.$inferSelect,
  'id' | 'fileName' | 'contentType' | 'size' | 'sha256' | 'createdAt'
>;

export function disputeView(row: DisputeRow, files: readonly AttachmentRow[] = []) {
  return {
    id: row.id,
    customer_id: row.customerId,
    invoice_id: row.invoiceId,
    reason_code: row.reasonCode,
    note: row.note,
    source: row.source,
    status: row.resolvedAt ? ('resolved' as const) : ('open' as const),
    opened_at: row.openedAt.toISOString(),
    resolved_at: row.resolvedAt?.toISOString() ?? null,
    outcome: row.outcome as 'upheld' | 'rejected' | null,
    resolution_note: row.resolutionNote,
    credit_note_id: row.creditNoteId,
    verification_sent_at: row.verificationSentAt?.toISOString() ?? null,
    attachments: files.map(attachmentView),
    created_at: row.createdAt.toISOString(),
  };
}

export function attachmentView(row: AttachmentRow) {
  return {
    id: row.id,
    file_name: row.fileName,
    content_type: row.contentType,
    size: row.size,
    sha256: row.sha256,
    created_at: row.createdAt.toISOString(),
  };
}
