/**
 * Server-rendered HTML: the chat page's shell and the article view. Hono's
 * `html` template escapes every interpolated value, so corpus text can never
 * become markup; the pages' scripts are separate files (the CSP forbids
 * inline script).
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ArticleDocument } from '../../contracts/document.ts';

export interface PageContext {
  documents: number;
  paragraphs: number;
  modelId: string;
  /** Set when the offline model stands in for the requested one. */
  fallback: { requested: string; reason: string } | null;
}

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

function layout(title: string, body: Html, script: string): Html {
  return html`<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="stylesheet" href="/assets/style.css" />
    <script type="module" src="${script}"></script>
  </head>
  <body>
    ${body}
  </body>
</html>`;
}

function topbar(context: PageContext, withRestart: boolean): Html {
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
  return html`<header class="topbar">
    <a class="brand" href="/">⚓ ancre</a>
    <p class="corpus-info" id="corpus-info">
      ${plural(context.documents, 'article')} · ${plural(context.paragraphs, 'paragraphe')} · modèle ${context.modelId}
    </p>
    ${withRestart
      ? html`<button type="button" id="new-conversation" class="ghost">Nouvelle conversation</button>`
      : html`<a href="/">← Conversation</a>`}
  </header>
  ${context.fallback
    ? html`<p id="model-banner" class="banner" role="status">
        <strong>Modèle de secours hors ligne.</strong> Le modèle ${context.fallback.requested} n’a pas pu être chargé ;
        ancre répond avec son modèle lexical <code>${context.modelId}</code>, moins fin sur les reformulations.
      </p>`
    : ''}`;
}

export function chatPage(context: PageContext): Html {
  return layout(
    'ancre — questions sur les articles',
    html`${topbar(context, true)}
      <main id="conversation" class="conversation">
        <section class="welcome" id="welcome">
          <h1>Posez une question sur les articles</h1>
          <p>Chaque réponse est faite de phrases citées mot pour mot, chacune reliée au paragraphe d’où elle vient.</p>
        </section>
      </main>
      <form id="ask-form" class="composer" autocomplete="off">
        <div class="composer-field">
          <label for="question" class="visually-hidden">Votre question</label>
          <textarea
            id="question"
            name="question"
            rows="1"
            maxlength="1000"
            placeholder="Votre question…"
            aria-describedby="composer-hint"
          ></textarea>
          <p id="composer-hint" class="composer-hint">Entrée pour envoyer · Maj+Entrée pour aller à la ligne</p>
        </div>
        <button type="submit" id="send">Envoyer</button>
      </form>`,
    '/assets/chat.js',
  );
}

export function articlePage(context: PageContext, doc: ArticleDocument): Html {
  const count = doc.paragraphs.length;
  return layout(
    `${doc.title} — ancre`,
    html`${topbar(context, false)}
      <main class="article">
        <h1>${doc.title}</h1>
        <p class="meta">Document ${doc.id} · ${count} paragraphe${count > 1 ? 's' : ''} après nettoyage</p>
        <ol class="paragraphs">
          ${doc.paragraphs.map(
            (p) => html`<li id="p-${p.number}" class="${p.kind}" tabindex="-1">
              <a class="paragraph-number" href="#p-${p.number}" aria-label="Paragraphe ${p.number}">${p.number}</a>
              ${p.kind === 'heading' ? html`<h2 class="paragraph-text">${p.text}</h2>` : html`<p class="paragraph-text">${p.text}</p>`}
            </li>`,
          )}
        </ol>
      </main>`,
    '/assets/article.js',
  );
}

export function notFoundPage(context: PageContext, what: string): Html {
  return layout(
    'Introuvable — ancre',
    html`${topbar(context, false)}
      <main class="not-found">
        <h1>Introuvable</h1>
        <p>${what}</p>
        <p><a href="/">← Retour à la conversation</a></p>
      </main>`,
    '/assets/article.js',
  );
}
