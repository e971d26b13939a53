import { redirect } from 'next/navigation';

export default async function AccountHomePage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  // The layout has already checked membership (and 404s otherwise).
  redirect(`/accounts/${encodeURIComponent(accountId)}/notifications`);
}
