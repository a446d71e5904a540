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
  features: ["sentence","passage","coverage","answerType","passageAnswerType","introduction","passageRank","wordPairs","best.sentence","best.passage","best.coverage","best.answerType","best.passageAnswerType","best.introduction","best.passageRank","best.wordPairs","minusBest.sentence","minusBest.passage","minusBest.coverage","minusBest.answerType","minusBest.passageAnswerType","minusBest.introduction","minusBest.passageRank","minusBest.wordPairs","next","previous","secondNext","secondPrevious","farOrElsewhere","takesUpBest","announcedByBest","quotesHoldAnswerType","holdsAnswerTypeQuotesLack","length","quotes","sameParagraph","newTerms","asks.person","asks.number","asks.date","asks.place","asks.purpose","asks.definition","asks.statement","asks.other","asks.person.held","asks.number.held","asks.date.held","asks.place.held","asks.purpose.held","asks.definition.held","asks.statement.held","asks.other.held"],
  rate: 0.1,
  threshold: 0.055542,
  picks: 3,
  trees: [
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.985564},"above":{"value":-1.896877}},"above":{"feature":36,"at":0,"below":{"value":-1.863596},"above":{"value":-1.326861}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.805372},"above":{"value":-1.723511}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.739751},"above":{"value":-1.431643}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.669588},"above":{"value":-1.590345}},"above":{"feature":36,"at":0,"below":{"value":-1.562403},"above":{"value":-1.071038}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.15718177736592495,"below":{"value":-1.562391},"above":{"value":-1.467801}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.501867},"above":{"value":-1.203785}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.479276},"above":{"value":-1.397217}},"above":{"feature":36,"at":0.2673769818928362,"below":{"value":-1.346831},"above":{"value":-0.321759}}},
    {"feature":6,"at":0.5,"below":{"feature":2,"at":0.2933025770717002,"below":{"value":-1.414235},"above":{"value":-1.349628}},"above":{"feature":36,"at":0,"below":{"value":-1.297709},"above":{"value":-0.798955}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.353194},"above":{"value":-1.261047}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.285218},"above":{"value":-0.96053}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.304986},"above":{"value":-1.207609}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.230889},"above":{"value":-0.90149}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.263927},"above":{"value":-1.160309}},"above":{"feature":36,"at":0,"below":{"value":-1.131078},"above":{"value":-0.593852}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.228573},"above":{"value":-1.117781}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.142939},"above":{"value":-0.787737}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.41274101963128323,"below":{"value":-1.21023},"above":{"value":-1.133766}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.104111},"above":{"value":-0.740398}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.170969},"above":{"value":-1.041283}},"above":{"feature":36,"at":0,"below":{"value":-1.008197},"above":{"value":-0.424974}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.147046},"above":{"value":-1.007732}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.037746},"above":{"value":-0.643664}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.125667},"above":{"value":-0.975883}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-1.006355},"above":{"value":-0.603467}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.106389},"above":{"value":-0.945316}},"above":{"feature":36,"at":0,"below":{"value":-0.906069},"above":{"value":-0.281189}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.41274101963128323,"below":{"value":-1.107352},"above":{"value":-0.993385}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-0.950399},"above":{"value":-0.517599}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.07287},"above":{"value":-0.884249}},"above":{"feature":2,"at":0,"below":{"value":-0.975443},"above":{"value":-0.5487}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.41274101963128323,"below":{"value":-1.079666},"above":{"value":-0.94596}},"above":{"feature":2,"at":0,"below":{"value":-0.950137},"above":{"value":-0.514399}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.044054},"above":{"value":-0.824477}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-0.871961},"above":{"value":-0.402104}}},
    {"feature":6,"at":0.5,"below":{"feature":2,"at":0.2933025770717002,"below":{"value":-1.041511},"above":{"value":-0.855777}},"above":{"feature":2,"at":0,"below":{"value":-0.903606},"above":{"value":-0.444103}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.41274101963128323,"below":{"value":-1.046374},"above":{"value":-0.87558}},"above":{"feature":18,"at":-0.3886164059517164,"below":{"value":-0.820585},"above":{"value":-0.336204}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-1.006195},"above":{"value":-0.731166}},"above":{"feature":36,"at":0,"below":{"value":-0.699831},"above":{"value":0.012078}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.41274101963128323,"below":{"value":-1.027549},"above":{"value":-0.82826}},"above":{"feature":2,"at":0,"below":{"value":-0.838104},"above":{"value":-0.341747}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.41274101963128323,"below":{"value":-1.018666},"above":{"value":-0.804835}},"above":{"feature":18,"at":-0.41274101963128323,"below":{"value":-0.75711},"above":{"value":-0.253378}}},
    {"feature":6,"at":0.5,"below":{"feature":2,"at":0.2933025770717002,"below":{"value":-0.986853},"above":{"value":-0.715654}},"above":{"feature":2,"at":0,"below":{"value":-0.792382},"above":{"value":-0.285267}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.41274101963128323,"below":{"value":-1.002115},"above":{"value":-0.753978}},"above":{"feature":2,"at":0,"below":{"value":-0.767206},"above":{"value":-0.262946}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.2091349269868411,"below":{"value":-0.947771},"above":{"value":-0.56161}},"above":{"feature":36,"at":0.2673769818928362,"below":{"value":-0.505551},"above":{"value":0.849582}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.41274101963128323,"below":{"value":-0.986057},"above":{"value":-0.700954}},"above":{"feature":18,"at":-0.41274101963128323,"below":{"value":-0.662488},"above":{"value":-0.141904}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":2,"at":0.5357222937971075,"below":{"value":-0.949639},"above":{"value":-0.351755}},"above":{"feature":18,"at":-0.41274101963128323,"below":{"value":-0.748276},"above":{"value":-0.217965}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":18,"at":-0.3886164059517164,"below":{"value":-0.9946},"above":{"value":-0.747622}},"above":{"feature":2,"at":0.220557207080154,"below":{"value":-0.693551},"above":{"value":-0.150767}}},
    {"feature":6,"at":0.5,"below":{"feature":2,"at":0.26936982010170896,"below":{"value":-0.932376},"above":{"value":-0.552379}},"above":{"feature":36,"at":0,"below":{"value":-0.450861},"above":{"value":0.253509}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":18,"at":-0.3886164059517164,"below":{"value":-0.982539},"above":{"value":-0.699406}},"above":{"feature":18,"at":-0.41274101963128323,"below":{"value":-0.681646},"above":{"value":-0.133956}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":18,"at":-0.3886164059517164,"below":{"value":-0.976054},"above":{"value":-0.674665}},"above":{"feature":2,"at":0.220557207080154,"below":{"value":-0.621282},"above":{"value":-0.076211}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":2,"at":0.5357222937971075,"below":{"value":-0.891542},"above":{"value":-0.116541}},"above":{"feature":18,"at":-0.41274101963128323,"below":{"value":-0.635541},"above":{"value":-0.097456}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":18,"at":-0.3886164059517164,"below":{"value":-0.963188},"above":{"value":-0.616702}},"above":{"feature":18,"at":-0.41274101963128323,"below":{"value":-0.609112},"above":{"value":-0.088532}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.43523455430488023,"below":{"value":-0.931005},"above":{"value":-0.493418}},"above":{"feature":7,"at":0.0625,"below":{"value":-0.345507},"above":{"value":0.308438}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":18,"at":-0.3886164059517164,"below":{"value":-0.949185},"above":{"value":-0.568663}},"above":{"feature":2,"at":0.220557207080154,"below":{"value":-0.527185},"above":{"value":0.000644}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":18,"at":-0.45822430815279735,"below":{"value":-0.971639},"above":{"value":-0.583267}},"above":{"feature":18,"at":-0.30965025457605316,"below":{"value":-0.464681},"above":{"value":0.066337}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":2,"at":0.26936982010170896,"below":{"value":-0.900972},"above":{"value":-0.438159}},"above":{"feature":2,"at":0.19700214322487675,"below":{"value":-0.495957},"above":{"value":-0.001369}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.43523455430488023,"below":{"value":-0.893871},"above":{"value":-0.385529}},"above":{"feature":7,"at":0.1111111111111111,"below":{"value":-0.216085},"above":{"value":0.486035}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":18,"at":-0.45822430815279735,"below":{"value":-0.95557},"above":{"value":-0.503969}},"above":{"feature":18,"at":-0.5649822054447818,"below":{"value":-0.582052},"above":{"value":-0.056588}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":2,"at":0.26936982010170896,"below":{"value":-0.867893},"above":{"value":-0.345774}},"above":{"feature":7,"at":0.0625,"below":{"value":-0.335005},"above":{"value":0.220561}}},
    {"feature":18,"at":-0.41274101963128323,"below":{"feature":22,"at":-0.16666666666666669,"below":{"value":-0.855847},"above":{"value":-0.289637}},"above":{"feature":7,"at":0.0625,"below":{"value":-0.337353},"above":{"value":0.289725}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":18,"at":-0.45822430815279735,"below":{"value":-0.937266},"above":{"value":-0.430294}},"above":{"feature":18,"at":-0.6520897831440444,"below":{"value":-0.625554},"above":{"value":-0.041614}}},
    {"feature":2,"at":0.24297150874729134,"below":{"feature":6,"at":0.5,"below":{"value":-0.758529},"above":{"value":-0.186253}},"above":{"feature":22,"at":-0.75,"below":{"value":-0.556482},"above":{"value":0.081662}}},
    {"feature":18,"at":-0.41274101963128323,"below":{"feature":22,"at":-0.16666666666666669,"below":{"value":-0.816492},"above":{"value":-0.231581}},"above":{"feature":7,"at":0.0625,"below":{"value":-0.28158},"above":{"value":0.29012}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":18,"at":-0.45822430815279735,"below":{"value":-0.91656},"above":{"value":-0.363555}},"above":{"feature":18,"at":-0.6520897831440444,"below":{"value":-0.565696},"above":{"value":-0.006938}}},
    {"feature":2,"at":0.24297150874729134,"below":{"feature":6,"at":0.5,"below":{"value":-0.706337},"above":{"value":-0.140871}},"above":{"feature":22,"at":-0.75,"below":{"value":-0.496232},"above":{"value":0.097831}}},
    {"feature":18,"at":-0.5233380454434827,"below":{"feature":22,"at":-0.16666666666666669,"below":{"value":-0.848684},"above":{"value":-0.243063}},"above":{"feature":23,"at":0.09090909090909091,"below":{"value":-0.172155},"above":{"value":0.630615}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":18,"at":-0.45822430815279735,"below":{"value":-0.892927},"above":{"value":-0.303963}},"above":{"feature":18,"at":-0.6520897831440444,"below":{"value":-0.503483},"above":{"value":0.017805}}},
  ],
};
