/**
 * The chat page's script. Every text that comes from the user or the corpus
 * is inserted with textContent / text nodes, never as HTML.
 */
import type { AskResult, ConversationTurn } from '../../../contracts/api.ts';
import { el, markedParagraph, sourceHref } from './dom.ts';
import { sourcesByParagraph } from './sources.ts';

/** The page's words, from the server's language pack (a JSON block in the page). */
const words = JSON.parse(document.getElementById('messages')?.textContent ?? '{}') as Record<
  'retry' | 'checkService' | 'noAnswerLabel' | 'noAnswerHint' | 'otherLanguageHint' | 'sources' | 'citationTitle' | 'send' | 'sending' | 'searching' | 'refused' | 'unreachable' | 'readWith',
  string
>;
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

// Evidence may be missing from turns an older page kept in this tab's storage.
type AskResponse = Pick<AskResult, 'question' | 'answer' | 'answerable' | 'citations' | 'resolvedWith'> & Partial<Pick<AskResult, 'evidence'>>;

/** The turns the server reads a follow-up with (the API's MAX_HISTORY_TURNS; not imported, which would bundle zod into the page). */
const MAX_HISTORY_TURNS = 10;

type Turn =
  | { question: string; status: 'answered'; response: AskResponse; readWith?: string }
  | { question: string; status: 'failed'; message: string; unreachable: boolean };

const STORAGE_KEY = 'ancre.conversation.v1';

const form = document.querySelector<HTMLFormElement>('#ask-form')!;
const input = document.querySelector<HTMLTextAreaElement>('#question')!;
const send = document.querySelector<HTMLButtonElement>('#send')!;
const conversation = document.querySelector<HTMLElement>('#conversation')!;
const welcome = document.querySelector<HTMLElement>('#welcome')!;
const restart = document.querySelector<HTMLButtonElement>('#new-conversation')!;

let turns: Turn[] = loadTurns();
let pending = false;

function loadTurns(): Turn[] {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    return Array.isArray(saved) ? (saved as Turn[]) : [];
  } catch {
    return [];
  }
}

function saveTurns(): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(turns));
  } catch {
    // Storage full or disabled: the conversation simply lives on this page only.
  }
}

function renderAll(): void {
  for (const node of conversation.querySelectorAll('.turn')) node.remove();
  welcome.hidden = turns.length > 0;
  turns.forEach((turn, index) => conversation.append(renderTurn(turn, index)));
}

function questionBubble(question: string): HTMLElement {
  return el('div', { class: 'bubble question' }, [el('p', {}, [question])]);
}

function renderTurn(turn: Turn, index: number): HTMLElement {
  const article = el('article', { class: 'turn', 'data-turn': String(index) }, [questionBubble(turn.question)]);
  if (turn.status === 'failed') {
    const retry = el('button', { type: 'button', class: 'retry' }, [words.retry]);
    retry.addEventListener('click', () => void ask(turn.question, index));
    article.append(
      el('div', { class: `bubble error${turn.unreachable ? ' unreachable' : ''}`, role: 'alert' }, [
        el('p', {}, [turn.message]),
        ...(turn.unreachable ? [el('p', { class: 'hint' }, [words.checkService]), retry] : []),
      ]),
    );
    return article;
  }
  const { response } = turn;
  if (!response.answerable) {
    article.append(
      el('div', { class: 'bubble no-answer' }, [
        el('p', { class: 'label' }, [words.noAnswerLabel]),
        el('p', {}, [response.answer]),
        el('p', { class: 'hint' }, [response.evidence?.inCorpusLanguage === false ? words.otherLanguageHint : words.noAnswerHint]),
      ]),
    );
    return article;
  }
  // The answer is each citation's quote followed by its marker [n], in order: rendered from the
  // citations themselves, so a literal "[2]" inside a quoted article is text, never a marker.
  const answer = el('p', { class: 'answer-text' });
  for (const citation of response.citations) {
    answer.append(
      el('q', { class: 'quote' }, [citation.quote]),
      ' ',
      el('a', { class: 'marker', href: sourceHref(citation), title: fill(words.citationTitle, { title: citation.title, paragraph: citation.paragraph }) }, [`[${citation.n}]`]),
      ' ',
    );
  }
  const sources = el(
    'ol',
    { class: 'sources', 'aria-label': words.sources },
    sourcesByParagraph(response.citations).map(({ citation, numbers, ranges }) =>
      el('li', { class: 'source' }, [
        el('a', { class: 'source-link', href: sourceHref(citation, ranges) }, [
          ...numbers.map((n) => el('span', { class: 'source-number' }, [`[${n}]`])),
          el('span', { class: 'source-title' }, [citation.title]),
          el('span', { class: 'source-paragraph' }, [`§ ${citation.paragraph}`]),
        ]),
        el('blockquote', { class: 'source-text' }, markedParagraph(citation.text, ranges)),
      ]),
    ),
  );
  // Which earlier question the answer was read with, so the reader can see why it answers as it does.
  const readWith = turn.readWith ? [el('p', { class: 'read-with' }, [fill(words.readWith, { question: turn.readWith })])] : [];
  article.append(el('div', { class: 'bubble answer' }, [...readWith, answer, el('h2', { class: 'sources-title' }, [words.sources]), sources]));
  return article;
}

function setPending(on: boolean): void {
  pending = on;
  send.disabled = on;
  input.readOnly = on;
  form.setAttribute('aria-busy', String(on));
  send.textContent = on ? words.sending : words.send;
}

function scrollToNewest(): void {
  conversation.lastElementChild?.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

/** Asks `question`; `replace` is the index of a failed turn being retried. */
async function ask(question: string, replace?: number): Promise<void> {
  if (pending) return;
  setPending(true);
  const pendingTurn = el('article', { class: 'turn pending' }, [
    questionBubble(question),
    el('div', { class: 'bubble thinking', role: 'status' }, [el('span', { class: 'spinner', 'aria-hidden': 'true' }), words.searching]),
  ]);
  if (replace !== undefined) conversation.querySelector(`[data-turn="${replace}"]`)?.remove();
  welcome.hidden = true;
  conversation.append(pendingTurn);
  scrollToNewest();

  // The conversation as the page shows it, before this question: the server keeps none.
  const history = historyBefore(replace ?? turns.length);
  let turn: Turn;
  try {
    const response = await fetch('/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question, ...(history.length ? { history } : {}) }),
    });
    const body = (await response.json().catch(() => null)) as (AskResponse & { error?: { message: string } }) | null;
    if (response.ok && body && !body.error) {
      const readWith = body.resolvedWith ? history[body.resolvedWith.turn - 1]?.question : undefined;
      turn = { question, status: 'answered', response: body, ...(readWith ? { readWith } : {}) };
    } else {
      const message = body?.error?.message ?? `Le service a répondu ${response.status}.`;
      turn = { question, status: 'failed', message: fill(words.refused, { message }), unreachable: response.status >= 500 };
    }
  } catch {
    turn = { question, status: 'failed', message: words.unreachable, unreachable: true };
  }
  if (replace !== undefined) turns.splice(replace, 1);
  turns.push(turn);
  saveTurns();
  pendingTurn.remove();
  renderAll();
  setPending(false);
  // A failed question stays in the box, ready to be sent again.
  if (turn.status === 'answered' && input.value.trim() === question) input.value = '';
  autoSize();
  input.focus();
  scrollToNewest();
}

/** The answered turns before `index`, the latest ten, with what each cited. */
function historyBefore(index: number): ConversationTurn[] {
  return turns
    .slice(0, index)
    .flatMap((turn) => (turn.status === 'answered' ? [{ question: turn.question, citations: turn.response.citations.map(({ doc, paragraph }) => ({ doc, paragraph })) }] : []))
    .slice(-MAX_HISTORY_TURNS);
}

function autoSize(): void {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 200)}px`;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const question = input.value.trim();
  if (question === '') {
    input.focus();
    return;
  }
  void ask(question);
});

input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});
input.addEventListener('input', autoSize);

restart.addEventListener('click', () => {
  if (pending) return;
  turns = [];
  saveTurns();
  renderAll();
  input.value = '';
  autoSize();
  input.focus();
});

renderAll();
if (turns.length) conversation.lastElementChild?.scrollIntoView({ block: 'start' });
input.focus();
