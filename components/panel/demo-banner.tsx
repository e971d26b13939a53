import { BeakerIcon } from '@/components/ui/icons';

/** Shown on every panel page while demo sign-in is on, so nobody mistakes this for production. */
export function DemoBanner() {
  return (
    <div
      role="status"
      className="flex items-center justify-center gap-2 bg-amber-100 px-4 py-1.5 text-center text-xs font-medium text-amber-950"
    >
      <BeakerIcon className="size-4 text-amber-700" />
      <span>Demo mode — seeded data, sign-in without e-mail</span>
    </div>
  );
}
