/**
 * Server-rendered HTML: the chat page's shell and the article view, in the
 * words of the corpus's language pack. Hono's `html` template escapes every
 * interpolated value, so corpus text can never become markup; the pages'
 * scripts are separate files (the CSP forbids inline script), and the chat
 * script reads its own words from a JSON data block, which is not executed.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ArticleDocument } from '../../contracts/document.ts';
import { language, messages } from '../../pipeline/pipeline.ts';

export interface PageContext {
  documents: number;
  paragraphs: number;
  modelId: string;
  /** Set when the offline model stands in for the requested one. */
  fallback: { requested: string; reason: string } | null;
  /** Whether an article's original file is offered for download (the service knows the corpus folder). */
  originals?: boolean;
}

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;
const words = messages.page;

/** JSON inside a script element: `<` escaped so that no string can close the element. */
const CHAT_MESSAGES = raw(JSON.stringify(messages.chat).replace(/</g, '\\u003c'));

function layout(title: string, body: Html, script: string): Html {
  return html`<!doctype html>
<html lang="${language}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="stylesheet" href="/assets/style.css" />
    <link rel="icon" href="/assets/icon.svg" type="image/svg+xml" />
    <script type="application/json" id="messages">${CHAT_MESSAGES}</script>
    <script type="module" src="${script}"></script>
  </head>
  <body>
    ${body}
  </body>
</html>`;
}

function topbar(context: PageContext, withRestart: boolean): Html {
  return html`<header class="topbar">
    <a class="brand" href="/">⚓ ancre</a>
    <p class="corpus-info" id="corpus-info">${words.corpusInfo(context.documents, context.paragraphs, context.modelId)}</p>
    ${withRestart
      ? html`<button type="button" id="new-conversation" class="ghost">${words.newConversation}</button>`
      : html`<a href="/">← ${words.backToConversation}</a>`}
  </header>
  ${context.fallback
    ? html`<p id="model-banner" class="banner" role="status">
        <strong>${words.fallbackTitle}</strong> ${words.fallbackText(context.fallback.requested, context.modelId)}
      </p>`
    : ''}`;
}

export function chatPage(context: PageContext): Html {
  return layout(
    words.chatTitle,
    html`${topbar(context, true)}
      <main id="conversation" class="conversation">
        <section class="welcome" id="welcome">
          <h1>${words.welcomeTitle}</h1>
          <p>${words.welcomeText}</p>
        </section>
      </main>
      <form id="ask-form" class="composer" autocomplete="off">
        <div class="composer-field">
          <label for="question" class="visually-hidden">${words.questionLabel}</label>
          <textarea
            id="question"
            name="question"
            rows="1"
            maxlength="1000"
            placeholder="${words.questionPlaceholder}"
            aria-describedby="composer-hint"
          ></textarea>
          <p id="composer-hint" class="composer-hint">${words.composerHint}</p>
        </div>
        <button type="submit" id="send">${words.send}</button>
      </form>`,
    '/assets/chat.js',
  );
}

/** Paragraphs an article page shows at most: rendering an article of tens of thousands would hold the service up. */
export const ARTICLE_PAGE = 1000;

/** An article, or the window of ARTICLE_PAGE paragraphs holding paragraph `shown` in a long one. */
export function articlePage(context: PageContext, doc: ArticleDocument, shown = 1): Html {
  const first = Math.floor((Math.min(Math.max(shown, 1), doc.paragraphs.length) - 1) / ARTICLE_PAGE) * ARTICLE_PAGE;
  const window = doc.paragraphs.slice(first, first + ARTICLE_PAGE);
  const paging = pagingLinks(doc, first, window.length);
  return layout(
    `${doc.title} — ancre`,
    html`${topbar(context, false)}
      <main class="article">
        <h1>${doc.title}</h1>
        <p class="meta">
          ${words.articleMeta(doc.id, doc.paragraphs.length)}${context.originals
            ? html` · <a class="original" href="/docs/${encodeURIComponent(doc.id)}/original" download>${words.originalFile(doc.file.split('/').at(-1)!)}</a>`
            : ''}
        </p>
        ${paging}
        <ol class="paragraphs" start="${first + 1}">
          ${window.map(
            (p) => html`<li id="p-${p.number}" class="${p.kind}" tabindex="-1">
              <a class="paragraph-number" href="#p-${p.number}" aria-label="${words.paragraphLabel(p.number)}">${p.number}</a>
              ${p.kind === 'heading' ? html`<h2 class="paragraph-text">${p.text}</h2>` : html`<p class="paragraph-text">${p.text}</p>`}
            </li>`,
          )}
        </ol>
        ${paging}
      </main>`,
    '/assets/article.js',
  );
}

function pagingLinks(doc: ArticleDocument, first: number, shown: number): Html | '' {
  if (doc.paragraphs.length <= ARTICLE_PAGE) return '';
  const link = (p: number, label: string) => html`<a class="page-link" href="/docs/${encodeURIComponent(doc.id)}?p=${p}#p-${p}">${label}</a>`;
  return html`<nav class="paging">
    ${first > 0 ? link(first - ARTICLE_PAGE + 1, `← § ${first - ARTICLE_PAGE + 1}–${first}`) : ''}
    <span>§ ${first + 1}–${first + shown} / ${doc.paragraphs.length}</span>
    ${first + ARTICLE_PAGE < doc.paragraphs.length ? link(first + ARTICLE_PAGE + 1, `§ ${first + ARTICLE_PAGE + 1}… →`) : ''}
  </nav>`;
}

/** The 404 page, for an unknown article or any other unknown page. */
export function notFoundPage(context: PageContext, missing: 'article' | 'page'): Html {
  const what = missing === 'article' ? words.unknownArticle : words.unknownPage;
  return layout(
    `${words.notFoundTitle} — ancre`,
    html`${topbar(context, false)}
      <main class="not-found">
        <h1>${words.notFoundTitle}</h1>
        <p>${what}</p>
        <p><a href="/">← ${words.backToConversation}</a></p>
      </main>`,
    '/assets/article.js',
  );
}
