/** A link to a partner's page (hash routes: the API serves one page). */
export function PartnerLink(props: { partnerId: string }) {
  return <a href={`#/partners/${encodeURIComponent(props.partnerId)}`}>{props.partnerId}</a>;
}
