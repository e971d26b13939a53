// The shape of one recipient of an event e-mail, as stored in event_settings
// and sent by the Edit dialog. Kept free of imports so db/schema.ts can use it.

/** A contact of the customer or of the reseller, by its role. */
export const CONTACT_ROLES = [
  'customer_primary',
  'customer_billing',
  'customer_account_manager',
  'reseller_primary',
  'reseller_billing',
  'reseller_account_manager',
] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export type RecipientSpec =
  | { type: 'contact'; role: ContactRole }
  /** The person who caused the event (the publisher names them). */
  | { type: 'initiator' }
  /** The person invited (Users – new user invited). */
  | { type: 'invited_user' }
  /** The person the event is about when that is not who caused it (Users – new permissions assigned). */
  | { type: 'affected_user' }
  | { type: 'address'; email: string };

export type RecipientList = { to: RecipientSpec[]; cc: RecipientSpec[] };
