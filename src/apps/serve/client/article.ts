/** The article page's script: highlight the cited paragraph and its quotes. */
import { markedParagraph } from './dom.ts';
import { parseHighlight } from './sources.ts';

function highlightCitation(): void {
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  for (const node of document.querySelectorAll('.is-cited')) node.classList.remove('is-cited');
  if (!target) return;
  target.classList.add('is-cited');
  const ranges = parseHighlight(new URLSearchParams(location.search).get('hl'));
  const body = target.querySelector<HTMLElement>('.paragraph-text');
  if (ranges.length > 0 && body && !body.querySelector('mark')) {
    body.replaceChildren(...markedParagraph(body.textContent ?? '', ranges));
  }
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}

window.addEventListener('hashchange', highlightCitation);
highlightCitation();
