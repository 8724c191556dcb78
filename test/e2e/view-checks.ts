import type { Page } from 'playwright-core';

/** Waits until the camera and the node separation are done and two frames are drawn. */
export async function settled(p: Page): Promise<void> {
  await p.waitForFunction(() => !window.citegraph!.cameraMoving() && !window.citegraph!.decluttering());
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The visible nodes whose centre is outside the canvas. */
export async function offScreen(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const c = window.citegraph!;
    const b = c.graphBox();
    return c.visibleNodes().filter((k) => {
      const s = c.screenPosition(k);
      return !s || s.x < b.x || s.x > b.x + b.width || s.y < b.y || s.y > b.y + b.height;
    });
  });
}

/** Pairs of drawn labels that overlap, and labels outside the canvas. */
export async function labelProblems(
  p: Page,
): Promise<{ overlaps: string[]; outside: string[]; drawn: number }> {
  return p.evaluate(() => {
    const c = window.citegraph!;
    const boxes = c.labelBoxes();
    const b = c.graphBox();
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i += 1)
      for (let j = i + 1; j < boxes.length; j += 1) {
        const [u, v] = [boxes[i]!, boxes[j]!];
        if (u.x < v.x + v.width && v.x < u.x + u.width && u.y < v.y + v.height && v.y < u.y + u.height)
          overlaps.push(`${u.label} × ${v.label}`);
      }
    const outside = boxes
      .filter(
        (l) =>
          l.x < b.x - 0.5 ||
          l.y < b.y - 0.5 ||
          l.x + l.width > b.x + b.width + 0.5 ||
          l.y + l.height > b.y + b.height + 0.5,
      )
      .map((l) => l.label);
    return { overlaps, outside, drawn: boxes.length };
  });
}
