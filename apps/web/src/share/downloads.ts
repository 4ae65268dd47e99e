/** Saves text or a blob as a file through a temporary link; nothing leaves the browser. */
export function download(name: string, data: string | Blob, type = 'application/json'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Renders every chart SVG inside `root` onto one canvas, stacked, and saves it as PNG. The charts use literal
 * colours (not CSS variables) so the serialized SVG looks the same outside the page.
 */
export async function chartsToPng(root: HTMLElement, background: string): Promise<Blob | null> {
  const svgs = [...root.querySelectorAll<SVGSVGElement>('svg.chart-svg')];
  if (svgs.length === 0) return null;
  const scale = 2;
  const boxes = svgs.map((s) => s.getBoundingClientRect());
  const top = Math.min(...boxes.map((b) => b.top));
  const left = Math.min(...boxes.map((b) => b.left));
  const width = Math.max(...boxes.map((b) => b.right)) - left;
  const height = Math.max(...boxes.map((b) => b.bottom)) - top;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  for (let i = 0; i < svgs.length; i++) {
    const svg = svgs[i]!.cloneNode(true) as SVGSVGElement;
    const box = boxes[i]!;
    svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    svg.setAttribute('width', String(box.width));
    svg.setAttribute('height', String(box.height));
    const src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(svg));
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('chart image failed to load'));
      img.src = src;
    });
    ctx.drawImage(img, (box.left - left) * scale, (box.top - top) * scale, box.width * scale, box.height * scale);
  }
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/png'));
}
