import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanArticle, type CleanArticle } from '../src/stages/1-ingest/clean.ts';
import { PROJECT_ROOT } from '../src/apps/config.ts';

const seed = (name: string) => readFileSync(path.join(PROJECT_ROOT, 'corpus', name), 'utf8');
const asPairs = (article: CleanArticle) => article.paragraphs.map((p) => [p.kind, p.text]);

describe('cleanArticle on the seed articles', () => {
  it('keeps every paragraph and heading of the Élysée article (single newlines, no final newline)', () => {
    const expected = {
      title: 'Emmanuel Macron préside une nouvelle réunion consacrée au narcotrafic',
      paragraphs: [
        ['paragraph', 'Emmanuel Macron préside une nouvelle réunion consacrée au narcotrafic, jeudi après-midi à l’Élysée, entouré de quatre ministres. Il s’agit de la troisième réunion sur ce thème depuis celle du 18 novembre, convoquée peu après l’assassinat à Marseille de Mehdi Kessaci, le frère d’Amine, militant écologiste engagé dans la lutte contre le narcotrafic. La rencontre vise à évaluer l’avancement des mesures et à préciser les orientations à venir. La présidence a confirmé la présence des ministres concernés.'],
        ['paragraph', 'Selon l’Élysée, les participants feront le point sur la mise en œuvre des arbitrages pris lors des sessions précédentes, afin de prolonger l’action engagée par la loi contre le narcotrafic adoptée en juin 2025. Ils évalueront les résultats obtenus sur le terrain et préciseront les domaines où des ajustements sont nécessaires. Cette séance vise à assurer la continuité des décisions prises lors des réunions instiguées par le chef de l’État. Le contexte demeure celui d’un dispositif renforcé pour lutter contre les usages et leurs réseaux.'],
        ['paragraph', 'Les participants évoqueront aussi la création récente du Parquet national anticriminalité organisée (Pnaco), établi en juin et installé le 5 janvier, sur le modèle du Parquet national antiterroriste et du Parquet national financier. L’objectif est d’harmoniser les procédures et de faciliter l’échange d’informations entre les services. Le sujet sera aussi l’allocation des ressources et le calendrier des prochaines étapes judiciaires. Le PNACO sera ainsi présenté comme un élément clé de la stratégie.'],
        ['paragraph', 'La réunion doit permettre de faire le point sur le déploiement des scanners dans les ports et les aéroports, ainsi que sur l’évolution de la politique publique de lutte contre les usages. Les organisateurs doivent aussi évaluer les modalités de coopération avec les autorités portuaires et douanières. Enfin, ils examineront les résultats des premières opérations pilotes et les ajustements nécessaires.'],
        ['paragraph', 'Elle abordera aussi les enjeux de coopération policière et judiciaire avec les partenaires internationaux. Les échanges portent sur l’entraide et l’harmonisation des cadres juridiques. Le président souhaite que ce volet soit renforcé dans les mois à venir.'],
        ['paragraph', 'Autre sujet du programme, la situation du narcotrafic aux Antilles, à laquelle le président souhaite accorder une attention particulière dans un contexte marqué par des enjeux sécuritaires renforcés et la finalisation d’axes stratégiques spécifiques. Cette partie du dossier sera suivie de près par la présidence afin de mesurer les progrès et d’ajuster les actions sur place.'],
        ['heading', 'La lutte contre les usages au menu'],
        ['paragraph', 'Cette réunion portera notamment sur le suivi des arbitrages pris par le président lors des premières réunions sur ce thème, dans la continuité de la loi contre le narcotrafic adoptée en juin 2025. Les participants examineront aussi le fonctionnement du nouveau Parquet national anticriminalité organisée et les échanges avec les autorités policières et judiciaires partenaires. Ce volet vise à confirmer la mise en œuvre des mesures et à préparer les prochaines étapes de coordination. Les échanges insisteront sur l’efficacité des dispositifs et la coopération avec les partenaires internationaux.'],
      ]
    };
    const article = cleanArticle(seed('000_204cd760b12bbebc.txt'));
    expect(article.title).toBe(expected.title);
    expect(article.titleSource).toBe('first-sentence');
    expect(asPairs(article)).toEqual(expected.paragraphs);
  });

  it('strips the RTL page furniture and keeps the article', () => {
    const expected = {
      title: 'Narcotrafic : qu\'est-ce que l\'état-major de lutte contre la criminalité organisée inauguré par Emmanuel Macron',
      paragraphs: [
        ['paragraph', 'Le président a inauguré ce mercredi 14 mai l’État-major interministériel de lutte contre la criminalité organisée, un nouvel outil visant à mieux coordonner la lutte contre les réseaux de narcotrafic.'],
        ['paragraph', 'Au lendemain de son interview, Emmanuel Macron a consacré sa journée du mercredi 14 mai à la lutte contre le narcotrafic. Un an jour pour jour après l’évasion sanglante de Mohamed Amra, le président s\'est recueilli au centre pénitentiaire de Caen.\u00a0Avant cela, dans la matinée, il a inauguré l’État-major interministériel de lutte contre la criminalité organisée (EMCO), un nouveau dispositif créé dans le cadre de la loi visant à lutter contre le narcotrafic.'],
        ['paragraph', 'Basé à Nanterre, cet état-major regroupe douze services différents, avec pour objectif une meilleure coordination de l’action\u00a0des forces de l’ordre. Installé au neuvième et dernier étage du siège de la Direction nationale de la police judiciaire, l’EMCO n’est pas un service d’enquête à proprement parler. Il a vocation à se mettre au service des enquêteurs.'],
        ['paragraph', 'Quinze opérateurs y travaillent quotidiennement. Ils sont issus de la police, de la gendarmerie, mais aussi des services de renseignement et des services judiciaires. Leur mission : coordonner les différentes enquêtes liées à la criminalité organisée et favoriser un meilleur partage de l’information entre les différents services.'],
        ['heading', 'Un outil prometteur'],
        ['paragraph', 'L’objectif de ce nouveau service est clair : éviter qu’un nouveau dossier Amra\u00a0ne se reproduise. Pour rappel, cette affaire avait révélé plusieurs défaillances. La dangerosité de ce narcotrafiquant multirécidiviste avait été sous-estimée, et son réseau mal évalué. L’EMCO vise aussi à s’attaquer plus efficacement aux têtes de réseau.'],
        ['paragraph', 'Un outil prometteur selon les syndicats de police, à condition de ne pas négliger les réalités du terrain. Johan Fossard, secrétaire régional d’Unité Police, espère qu\'il ne s\'agit pas d\'\u00a0une simple "mesure d’affichage", a-t-il expliqué : "Il faut qu’elle soit accompagnée de vraies mesures pour la filière judiciaire. Donc nous, ce qu’on attend, c’est plutôt des mesures à la fois indemnitaires, un allègement aussi de la procédure."'],
      ]
    };
    const article = cleanArticle(seed('002_9a0fa612789b1bfe.txt'));
    expect(article.title).toBe(expected.title);
    expect(article.titleSource).toBe('headline');
    expect(asPairs(article)).toEqual(expected.paragraphs);
  });
});

describe('cleanArticle on pages it has never seen', () => {
  it('removes another site\'s furniture by its shape, not by its exact words', () => {
    const raw = [
      'Accueil > International > Europe',
      '',
      'Saisie record de cocaïne au port du Havre',
      'Temps de lecture : 4 min',
      'Par Jeanne Martin',
      'Publié le 12 mars 2025 à 10h02, modifié le 12 mars 2025 à 18h40',
      '',
      'Les douaniers ont saisi dix tonnes de cocaïne dans des conteneurs',
      'de bananes, a annoncé le parquet jeudi.',
      '',
      'Des conteneurs sur le port du Havre',
      'Photo : Lou Benoist / AFP',
      '',
      'Partager',
      'Inscrivez-vous à notre newsletter Justice pour recevoir l’essentiel chaque soir.',
      '',
      '## Une filière venue d’Équateur',
      '',
      'Selon les enquêteurs, la marchandise provenait de Guayaquil. Trois dockers ont été interpellés.',
      '',
      'À lire aussi',
      'Narcotrafic : les ports français sous pression',
      'Le Havre, porte d’entrée de la cocaïne en Europe',
      '',
      'Nous utilisons des cookies pour améliorer votre expérience. Accepter',
      '© Le Quotidien 2025',
    ].join('\n');
    const article = cleanArticle(raw);
    expect(article.title).toBe('Saisie record de cocaïne au port du Havre');
    expect(asPairs(article)).toEqual([
      ['paragraph', 'Les douaniers ont saisi dix tonnes de cocaïne dans des conteneurs de bananes, a annoncé le parquet jeudi.'],
      ['heading', 'Une filière venue d’Équateur'],
      ['paragraph', 'Selon les enquêteurs, la marchandise provenait de Guayaquil. Trois dockers ont été interpellés.'],
    ]);
  });

  it('keeps news sentences that merely mention subscriptions or notifications', () => {
    const raw =
      'Le réseau vendait ses produits par abonnement sur une messagerie chiffrée, selon les enquêteurs qui ont suivi ses notifications pendant des mois avant de démanteler le point de deal.';
    expect(asPairs(cleanArticle(raw))).toEqual([['paragraph', raw]]);
  });

  it('handles Windows line endings and a byte-order mark', () => {
    const article = cleanArticle('\uFEFFTitre court\r\n\r\nPremier paragraphe complet.\r\nSecond paragraphe complet.');
    expect(article.title).toBe('Titre court');
    expect(article.paragraphs.map((p) => p.text)).toEqual(['Premier paragraphe complet.', 'Second paragraphe complet.']);
  });

  it('reads a first line qualified by a short parenthesis as the headline, and a sentence closing on one as a sentence', () => {
    const body = 'La Transnistrie est un État non reconnu, indépendant de fait depuis 1991.';
    for (const title of ['Transnistrie (État)', 'Symphonie nº 9 (Mahler)']) {
      expect(cleanArticle(`${title}\n\n${body}`)).toMatchObject({ title, titleSource: 'headline', paragraphs: [{ kind: 'paragraph', text: body }] });
    }
    for (const lede of ['Le ministre a présenté son plan contre le narcotrafic (AFP).', 'Le plan (présenté mardi par le ministre de l’Intérieur)']) {
      expect(cleanArticle(`${lede}\n\n${body}`).paragraphs[0]).toEqual({ kind: 'paragraph', text: lede });
    }
  });

  it('keeps a table’s rows as paragraphs, short as they are, so that no paragraph after them reads as their section', () => {
    const article = cleanArticle('# Saisies au Havre\n\nLes saisies ont doublé en un an.\n\n| Année | Tonnes |\n\nAnnée | Tonnes\n\n2024 | 53\n\n## Une enquête ouverte\n\nLe parquet a ouvert une enquête.');
    expect(asPairs(article)).toEqual([
      ['paragraph', 'Les saisies ont doublé en un an.'],
      ['paragraph', '| Année | Tonnes |'],
      ['paragraph', 'Année | Tonnes'],
      ['paragraph', '2024 | 53'],
      ['heading', 'Une enquête ouverte'],
      ['paragraph', 'Le parquet a ouvert une enquête.'],
    ]);
  });

  it('refuses a file with no article text', () => {
    expect(() => cleanArticle('1. Accueil\n2. Actu\nEn Direct\n/')).toThrow(/no article text/);
  });
});
