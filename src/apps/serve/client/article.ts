/** The article page's script: highlight the cited paragraph and its quote. */
import { markedParagraph } from './dom.ts';

function highlightCitation(): void {
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  for (const node of document.querySelectorAll('.is-cited')) node.classList.remove('is-cited');
  if (!target) return;
  target.classList.add('is-cited');
  const range = /^(\d+)-(\d+)$/.exec(new URLSearchParams(location.search).get('hl') ?? '');
  const body = target.querySelector<HTMLElement>('.paragraph-text');
  if (range && body && !body.querySelector('mark')) {
    body.replaceChildren(...markedParagraph(body.textContent ?? '', Number(range[1]), Number(range[2])));
  }
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}

window.addEventListener('hashchange', highlightCitation);
highlightCitation();
