import { useTranslations } from 'next-intl';
import { BeakerIcon } from '@/components/ui/icons';

/** Shown on every panel page while demo sign-in is on, so nobody mistakes this for production. */
export function DemoBanner() {
  const t = useTranslations('shell');
  return (
    <div
      role="status"
      className="flex items-center justify-center gap-2 bg-amber-100 px-4 py-1.5 text-center text-xs font-medium text-amber-950"
    >
      <BeakerIcon className="size-4 text-amber-700" />
      <span>{t('demoBanner')}</span>
    </div>
  );
}
