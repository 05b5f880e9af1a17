import type { mail as en } from '../en/mail';
import type { Translation } from '../translation';

export const mail: Translation<typeof en> = {
  title: 'Correo',
  lead: 'Alertas, resúmenes y correos de escalación: qué se envió y qué llegó.',
  refresh: 'Actualizar',
  views: 'Vistas del correo',
  mailboxTab: 'Buzón',
  sentTab: 'Correo enviado',
  filterByStatus: 'Filtrar por estado',
  all: 'Todos {{count}}',
  outbox: {
    loadError: 'No se pudo cargar el registro de correo enviado',
    emptyHeading: 'Aún no hay correo',
    emptyMessage: 'Los mensajes aparecen aquí en cuanto las alertas, los resúmenes o las escalaciones los generan.',
    tableName: 'Correo enviado',
    caption: 'Correo enviado, lo más reciente primero',
    openEscalation: 'Abrir la escalación',
    heldUntil: 'retenido hasta {{date}}',
    retry: 'Reintentar',
    loading: 'Cargando el registro de correo enviado…',
    columns: {
      created: 'Creado',
      to: 'Para',
      subject: 'Asunto',
      kind: 'Tipo',
      status: 'Estado',
      attempts: 'Intentos',
      sent: 'Enviado',
    },
  },
  catcher: {
    running: 'El receptor de correo integrado en {{address}} guarda todo el correo que envía la aplicación (SMTP_URL no está configurado). Ves el correo dirigido a ti.',
    smtp: 'El correo se envía al servidor SMTP de SMTP_URL; la lista de abajo contiene lo que el receptor integrado recibió antes, si hay algo.',
    off: 'El correo saliente está desactivado (ENABLE_EMAIL=false).',
  },
  message: {
    openError: 'No se pudo abrir el mensaje',
    back: '← Volver al buzón',
    fromTo: 'De {{from}} para {{to}}',
    opening: 'Abriendo el mensaje…',
  },
  mailbox: {
    loadError: 'No se pudo cargar el buzón',
    emptyHeading: 'Tu buzón está vacío',
    emptyMessage: 'Aquí llegarán los resúmenes y las alertas dirigidos a ti. Se envía un resumen diario a la hora que elijas; también puedes enviar uno ahora desde Mis alertas.',
    imagesOne: '{{count}} imagen',
    imagesOther: '{{count}} imágenes',
    arrivedTimes: 'llegó {{count}} veces',
    loading: 'Cargando el buzón…',
  },
};
