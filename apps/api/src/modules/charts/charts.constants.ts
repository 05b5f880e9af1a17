/** Size of the small trend image in alert emails (CSS pixels) and its pixel density. */
export const EMAIL_CHART_WIDTH = 520;
export const EMAIL_CHART_HEIGHT = 180;
export const EMAIL_CHART_PIXEL_RATIO = 2;

export const CHART_FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";
export const CHART_LINE_COLOR = '#1d4ed8';
export const CHART_CHANGE_FILL = 'rgba(179, 38, 30, 0.10)';
export const CHART_CHANGE_LINE = '#b3261e';
export const CHART_GRID_COLOR = '#e4e7eb';
export const CHART_TEXT_COLOR = '#52606d';
