import type { notFound as en } from '../en/not-found';
import type { Translation } from '../translation';

export const notFound: Translation<typeof en> = {
  title: 'Página no encontrada',
  heading: 'No hay nada en esta dirección',
  message: 'Puede que el enlace sea antiguo o esté mal escrito.',
  home: 'Ir a tu portafolio',
};
