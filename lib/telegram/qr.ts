import QRCode from 'qrcode';

/**
 * The QR code of a link as inline SVG markup, rendered on the server. The SVG
 * itself is hidden from assistive technology: the element it is placed in
 * carries role="img" and the accessible name.
 */
export async function renderQrSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#0f172a', light: '#ffffff' } });
  return svg.trim().replace('<svg ', '<svg aria-hidden="true" focusable="false" width="100%" height="100%" ');
}
