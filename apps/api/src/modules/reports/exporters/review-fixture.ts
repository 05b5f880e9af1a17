import type { QuarterlyReviewData } from '../quarterly-review.model';

/** A small but complete pack for exporter tests (every value type, accents and injection samples). */
export function sampleReview(): QuarterlyReviewData {
  return {
    kind: 'provider',
    quarter: '2026-Q3',
    from: '2026-07-01',
    to: '2026-09-30',
    months: ['2026-07', '2026-08', '2026-09'],
    asOf: '2026-10-01',
    generatedAt: '2026-10-10T09:30:00.000Z',
    title: 'Pacífico BPO',
    subtitle: 'Quarterly business review 2026-Q3',
    providers: [{ id: 'p1', code: 'PACIFICO', name: 'Pacífico BPO' }],
    sections: [
      {
        key: 'summary',
        title: 'Executive summary',
        paragraphs: ['Score 71.3 of 100, rank 2 of 3.'],
        charts: [],
        tables: [
          {
            key: 'scorecard',
            title: 'Scorecard',
            restatable: true,
            columns: [
              { key: 'component', header: 'Component', type: 'text' },
              { key: 'score', header: 'Score', type: 'decimal' },
              { key: 'weight', header: 'Weight', type: 'percent' },
              { key: 'change', header: 'Change vs previous quarter', type: 'decimal' },
            ],
            rows: [
              { key: 'sla_attainment', cells: { component: 'SLA attainment', score: 66.6667, weight: 0.4, change: -12.25 } },
              { key: 'qa_score', cells: { component: 'QA score', score: 88.1, weight: 0.3, change: 1.5 } },
            ],
          },
        ],
      },
      {
        key: 'attainment',
        title: 'Service level attainment',
        paragraphs: [],
        charts: [
          {
            key: 'chart-service_level',
            title: 'Service level 80/20 (weekly)',
            kpiCode: 'service_level',
            type: 'percent',
            points: [
              { date: '2026-07-06', value: 0.81 },
              { date: '2026-07-13', value: 0.74 },
            ],
            markers: [{ date: '2026-07-13', label: 'Drift since 13 Jul' }],
          },
        ],
        tables: [
          {
            key: 'attainment',
            title: 'Attainment by month',
            restatable: true,
            columns: [
              { key: 'serviceLevel', header: 'Service level', type: 'text' },
              { key: 'queue', header: 'Queue', type: 'text' },
              { key: 'month', header: 'Month', type: 'text' },
              { key: 'periodEnd', header: 'Period end', type: 'date' },
              { key: 'value', header: 'Value', type: 'decimal' },
              { key: 'observations', header: 'Observations', type: 'integer' },
              { key: 'credit', header: 'Credit (MXN)', type: 'money' },
            ],
            rows: [
              {
                key: 'sl-gdl|2026-07',
                cells: { serviceLevel: 'Voice 80/20 – Guadalajara', queue: '+cmd', month: '2026-07', periodEnd: '2026-07-31', value: 0.7432, observations: 31, credit: 129600 },
                types: { value: 'percent' },
              },
              {
                key: 'aht-mty|2026-07',
                cells: { serviceLevel: 'AHT – Monterrey', queue: 'voz-mty', month: '2026-07', periodEnd: '2026-07-31', value: 351.25, observations: 31, credit: -1500.5 },
              },
            ],
          },
        ],
      },
      {
        key: 'commentary',
        title: 'Commentary and agreed actions',
        paragraphs: ['=HYPERLINK("http://evil","x")'],
        charts: [],
        tables: [
          {
            key: 'agreed_actions',
            title: 'Agreed actions',
            restatable: false,
            columns: [
              { key: 'action', header: 'Action', type: 'text' },
              { key: 'owner', header: 'Owner', type: 'text' },
              { key: 'dueDate', header: 'Due', type: 'date' },
            ],
            rows: [
              { key: '1', cells: { action: '=HYPERLINK("http://evil","x")', owner: 'María López', dueDate: '2026-11-15' } },
              { key: '2', cells: { action: 'Staff "Querétaro", night shift', owner: '@ops', dueDate: null } },
            ],
          },
        ],
      },
    ],
  };
}
