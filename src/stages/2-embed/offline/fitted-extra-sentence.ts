/**
 * The extra sentences' model in use for the offline model
 * (stages/6-answer/extra-sentence.ts), written by `npm run fit`
 * (src/apps/eval/extra-fit.ts) on ../shared/eval/piaf/dev.jsonl:
 * boosted trees fitted on the answers all the other fitted weights give; the
 * rounds, the threshold and the most sentences an answer takes chosen out of
 * fold, where a further sentence stops buying more gold span per word than
 * companions do (figures: `extraSentence` in fitted-weights.ts). Refit
 * rather than edit.
 */
import type { ExtraSentenceModel } from '../../../contracts/tuning.ts';

export const OFFLINE_EXTRA_SENTENCE: ExtraSentenceModel = {
  features: ["sentence","passage","coverage","answerType","passageAnswerType","introduction","passageRank","wordPairs","best.sentence","best.passage","best.coverage","best.answerType","best.passageAnswerType","best.introduction","best.passageRank","best.wordPairs","minusBest.sentence","minusBest.passage","minusBest.coverage","minusBest.answerType","minusBest.passageAnswerType","minusBest.introduction","minusBest.passageRank","minusBest.wordPairs","next","previous","secondNext","secondPrevious","farOrElsewhere","takesUpBest","announcedByBest","quotesHoldAnswerType","holdsAnswerTypeQuotesLack","length","quotes","sameParagraph","asks.person","asks.number","asks.date","asks.place","asks.purpose","asks.definition","asks.statement","asks.other","asks.person.held","asks.number.held","asks.date.held","asks.place.held","asks.purpose.held","asks.definition.held","asks.statement.held","asks.other.held"],
  rate: 0.1,
  threshold: 0.106991,
  picks: 3,
  trees: [
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.985564},"above":{"value":-1.896877}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.909196},"above":{"value":-1.593542}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.805372},"above":{"value":-1.723511}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.734836},"above":{"value":-1.444224}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.669588},"above":{"value":-1.590345}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.60125},"above":{"value":-1.323174}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.15718177736592495,"below":{"value":-1.562391},"above":{"value":-1.467801}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.495323},"above":{"value":-1.221952}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.479276},"above":{"value":-1.397217}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.408982},"above":{"value":-1.135114}}},
    {"feature":6,"at":0.5,"below":{"feature":2,"at":0.2933025770717002,"below":{"value":-1.414235},"above":{"value":-1.349628}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.33696},"above":{"value":-1.058996}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.353194},"above":{"value":-1.261047}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.275662},"above":{"value":-0.991047}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.304986},"above":{"value":-1.207609}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.222541},"above":{"value":-0.929449}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.263927},"above":{"value":-1.160309}},"above":{"feature":2,"at":0,"below":{"value":-1.210812},"above":{"value":-0.926921}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.228573},"above":{"value":-1.117781}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.135314},"above":{"value":-0.814979}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.41274101963128323,"below":{"value":-1.21023},"above":{"value":-1.133766}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.097149},"above":{"value":-0.766128}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.170969},"above":{"value":-1.041283}},"above":{"feature":2,"at":0,"below":{"value":-1.101965},"above":{"value":-0.777671}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.147046},"above":{"value":-1.007732}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.030824},"above":{"value":-0.670358}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.125667},"above":{"value":-0.975883}},"above":{"feature":2,"at":0,"below":{"value":-1.043085},"above":{"value":-0.690501}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.106389},"above":{"value":-0.945316}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-0.971929},"above":{"value":-0.582987}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.41274101963128323,"below":{"value":-1.107352},"above":{"value":-0.993385}},"above":{"feature":2,"at":0,"below":{"value":-0.990804},"above":{"value":-0.609429}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.07287},"above":{"value":-0.884249}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-0.917371},"above":{"value":-0.502588}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.41274101963128323,"below":{"value":-1.079666},"above":{"value":-0.94596}},"above":{"feature":2,"at":0,"below":{"value":-0.942403},"above":{"value":-0.533449}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.044054},"above":{"value":-0.824477}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-0.865082},"above":{"value":-0.428637}}},
    {"feature":6,"at":0.5,"below":{"feature":2,"at":0.2933025770717002,"below":{"value":-1.041511},"above":{"value":-0.855777}},"above":{"feature":2,"at":0,"below":{"value":-0.896012},"above":{"value":-0.46229}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.41274101963128323,"below":{"value":-1.046374},"above":{"value":-0.87558}},"above":{"feature":18,"at":-0.41274101963128323,"below":{"value":-0.822524},"above":{"value":-0.374047}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.006195},"above":{"value":-0.731166}},"above":{"feature":2,"at":0,"below":{"value":-0.850373},"above":{"value":-0.396017}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.41274101963128323,"below":{"value":-1.027549},"above":{"value":-0.82826}},"above":{"feature":2,"at":0,"below":{"value":-0.825814},"above":{"value":-0.367951}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.41274101963128323,"below":{"value":-1.018666},"above":{"value":-0.804835}},"above":{"feature":18,"at":-0.41274101963128323,"below":{"value":-0.748371},"above":{"value":-0.279588}}},
    {"feature":6,"at":0.5,"below":{"feature":2,"at":0.2933025770717002,"below":{"value":-0.986853},"above":{"value":-0.715654}},"above":{"feature":2,"at":0,"below":{"value":-0.779699},"above":{"value":-0.309799}}},
  ],
};
