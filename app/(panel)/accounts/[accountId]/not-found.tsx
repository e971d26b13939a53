import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { MapIcon } from '@/components/ui/icons';

/** A page missing inside an account keeps the panel around it. */
export default function PanelNotFound() {
  return (
    <div className="py-8">
      <EmptyState
        headingLevel={1}
        icon={<MapIcon />}
        title="Page not found"
        description="This page does not exist in this account, or it is not available for it."
        action={
          <Link href="/" className={buttonVariants({ variant: 'secondary' })}>
            Back to the control panel
          </Link>
        }
      />
    </div>
  );
}
