import 'server-only';
import { getTranslations } from 'next-intl/server';
import type { RoleNames } from '@/lib/notifications/roles';

/** Role names in the language of this request, for memberRoleLabels. */
export async function translatedRoleNames(): Promise<RoleNames> {
  const t = await getTranslations('roles');
  return { role: (role) => t(`member.${role}`), projectRole: (role) => t(`project.${role}`), noProjectRole: t('noProjectRole') };
}
