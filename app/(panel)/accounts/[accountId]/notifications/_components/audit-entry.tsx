import type { ReactNode } from 'react';
import type { MemberRole } from '@/db/schema';
import type { AuditEntry, UnreadableAuditEntry } from '@/lib/audit';
import { findEvent } from '@/lib/events/catalog';
import { contactKindLabels } from '@/lib/events/contact-kinds';
import { getCategory } from '@/lib/notifications/catalog';
import { roleLabels } from '@/lib/notifications/roles';

const strong = (s: ReactNode) => <span className="font-medium text-slate-900">{s}</span>;

const roleName = (role: MemberRole) => (role === 'project_member' ? 'a project-level user' : roleLabels[role]);

/** The event's current title, or the one it had when the entry was written. */
const eventTitle = (d: { eventKey: string; eventTitle: string }) => findEvent(d.eventKey)?.title ?? d.eventTitle;

/** " (name)" after a directory change that names the account or project. */
const named = (name: string) => ` (${name})`;

/**
 * One audit entry as a sentence whose subject is the "Who" column. Every action has its sentence
 * (the `never` below fails the typecheck for one that has none); a row this version cannot read
 * says its action and whom it concerns.
 */
export function describeAuditEntry({
  entry,
  targetName,
  targetEmail,
}: {
  entry: AuditEntry | UnreadableAuditEntry;
  targetName: string | null;
  targetEmail: string | null;
}): ReactNode {
  const target = strong(targetName ?? targetEmail ?? 'a former user');
  switch (entry.action) {
    case null:
      return <>{entry.storedAction}: {target}</>;
    case 'subscription.added':
      return <>Added {target} to {getCategory(entry.details.category).title}</>;
    case 'subscription.removed':
      return <>Removed {target} from {getCategory(entry.details.category).title}</>;
    case 'telegram.connected':
      return <>{target} connected Telegram notifications</>;
    case 'telegram.disconnected':
      return <>{target} disconnected Telegram notifications</>;
    case 'delivery.retried':
      return <>Retried a failed {entry.details.channel === 'telegram' ? 'Telegram message' : 'e-mail'} to {target}</>;
    case 'suppression.removed':
      return (
        <>
          Lifted the suppression of {entry.details.email} ({target})
        </>
      );
    case 'event.enabled':
      return <>Switched on the e-mail for {strong(eventTitle(entry.details))}</>;
    case 'event.disabled':
      return <>Switched off the e-mail for {strong(eventTitle(entry.details))}</>;
    case 'event.recipients_changed': {
      const d = entry.details;
      if (d.defaults) return <>Reset the recipients of {strong(eventTitle(d))} to the defaults</>;
      return (
        <>
          Changed the recipients of {strong(eventTitle(d))}: To {d.after.to.join(', ') || '—'}
          {d.after.cc.length ? `; CC ${d.after.cc.join(', ')}` : ''}
        </>
      );
    }
    case 'contact.updated': {
      const d = entry.details;
      const title = contactKindLabels[d.kind].title.toLowerCase();
      return d.after ? (
        <>
          Set the {title} of {strong(d.accountName)} to {d.after.name} ({d.after.email})
        </>
      ) : (
        <>
          Removed the {title} of {strong(d.accountName)}
        </>
      );
    }
    case 'account.created':
      return <>Created the account{named(entry.details.name)}</>;
    case 'account.updated':
      return <>Changed the account</>;
    case 'account.closed':
      return <>Closed the account</>;
    case 'member.added':
      return <>Added {target} to the account as {roleName(entry.details.role)}</>;
    case 'member.changed':
      return entry.details.from === entry.details.to ? (
        <>Changed the project roles or name of {target}</>
      ) : (
        <>
          Changed the role of {target} from {roleName(entry.details.from)} to {roleName(entry.details.to)}
        </>
      );
    case 'member.removed':
      return <>Removed {target} from the account</>;
    case 'project.created':
      return <>Created a project{named(entry.details.name)}</>;
    case 'project.renamed':
      return <>Renamed a project</>;
    case 'project.removed':
      return <>Removed a project{named(entry.details.name)}</>;
    case 'invitation.sent':
      return <>Invited {strong(entry.details.email)} as {roleName(entry.details.role)}</>;
    case 'invitation.resent':
      return <>Resent the invitation to {strong(entry.details.email)}</>;
    case 'invitation.revoked':
      return <>Revoked the invitation of {strong(entry.details.email)}</>;
    case 'invitation.accepted':
      return <>{target} accepted the invitation and joined as {roleName(entry.details.role)}</>;
    case 'profile.name_changed':
      return (
        <>
          {target} changed their name
          {entry.details.from !== null ? ` from “${entry.details.from}”` : ''}
          {` to “${entry.details.to}”`}
        </>
      );
    default: {
      const undescribed: never = entry;
      return undescribed;
    }
  }
}
