/** The platform brand every e-mail carries. */
export const brand = {
  name: 'Nimbus Cloud',
  color: '#4f46e5',
  textColor: '#0f172a',
  mutedColor: '#64748b',
  logoText: 'N',
};
