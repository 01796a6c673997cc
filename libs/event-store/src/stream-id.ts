/** Prefix of every partner stream; also the default filter of `readHeads`. */
export const PARTNER_STREAM_PREFIX = 'partner-';

/** Stream id holding one partner's events: `partner-<partnerId>`. */
export function partnerStreamId(partnerId: string): string {
  if (partnerId.length === 0) throw new RangeError('partnerId must not be empty');
  return `${PARTNER_STREAM_PREFIX}${partnerId}`;
}

/** Inverse of {@link partnerStreamId}; `undefined` when the stream is not a partner stream. */
export function partnerIdFromStreamId(streamId: string): string | undefined {
  if (!streamId.startsWith(PARTNER_STREAM_PREFIX)) return undefined;
  const id = streamId.slice(PARTNER_STREAM_PREFIX.length);
  return id.length > 0 ? id : undefined;
}
