/** Reads one sample from a Prometheus text exposition (what /metrics served). */
export function sampleValue(
  text: string,
  name: string,
  labels: Readonly<Record<string, string>>,
): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = /\{([^}]*)\}/.exec(line)?.[1] ?? '';
    const present = Object.fromEntries([...labelText.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

export async function scrape(telemetryUrl: string | undefined): Promise<string> {
  if (telemetryUrl === undefined) throw new Error('the feeder serves no metrics');
  const response = await fetch(`${telemetryUrl}/metrics`);
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return response.text();
}
