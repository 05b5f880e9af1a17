import type { UiStrings } from './ui.en';

type Translation<T> = { readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

export const uiEsMx: Translation<UiStrings> = {
  noData: 'Sin datos',
  exportCsv: 'Exportar CSV',
  exportCsvOf: 'Exportar {{table}} como CSV',
  sortBy: 'Ordenar por {{column}}',
};
