/** One value a poll contributes to the series store: the store's input, whatever the broker kind. */
export interface MetricSample {
  metric: string;
  labels: Record<string, string>;
  value: number;
}
