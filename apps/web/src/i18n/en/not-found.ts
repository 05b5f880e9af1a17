/** Strings of the not found page. */
export const notFound = {
  title: 'Page not found',
  heading: 'There is nothing at this address',
  message: 'The link may be old or mistyped.',
  home: 'Go to your portfolio',
} as const;
