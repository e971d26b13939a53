import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonVariants } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { MapIcon } from '@/components/ui/icons';

/** A page missing inside an account keeps the panel around it. */
export default function PanelNotFound() {
  const t = useTranslations('notFound');
  return (
    <div className="py-8">
      <EmptyState
        headingLevel={1}
        icon={<MapIcon />}
        title={t('title')}
        description={t('inAccount')}
        action={
          <Link href="/" className={buttonVariants({ variant: 'secondary' })}>
            {t('backHome')}
          </Link>
        }
      />
    </div>
  );
}
