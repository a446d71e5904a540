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
  threshold: 0.055951,
  picks: 3,
  trees: [
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.15564807516244678,"below":{"value":-1.983213},"above":{"value":-1.878428}},"above":{"feature":36,"at":0.2656198687112013,"below":{"value":-1.837655},"above":{"value":-0.6875}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.24514829825102408,"below":{"value":-1.806172},"above":{"value":-1.73253}},"above":{"feature":18,"at":-0.4138276760374071,"below":{"value":-1.746363},"above":{"value":-1.438826}}},
    {"feature":6,"at":0.5,"below":{"feature":23,"at":0.09090909090909091,"below":{"value":-1.665472},"above":{"value":-1.522962}},"above":{"feature":36,"at":0.2656198687112013,"below":{"value":-1.538417},"above":{"value":-0.492291}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.24514829825102408,"below":{"value":-1.564913},"above":{"value":-1.490506}},"above":{"feature":18,"at":-0.4138276760374071,"below":{"value":-1.508889},"above":{"value":-1.208882}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.15564807516244678,"below":{"value":-1.47742},"above":{"value":-1.374905}},"above":{"feature":36,"at":0,"below":{"value":-1.370333},"above":{"value":-0.870782}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.24514829825102408,"below":{"value":-1.411304},"above":{"value":-1.332471}},"above":{"feature":18,"at":-0.4138276760374071,"below":{"value":-1.351236},"above":{"value":-1.042418}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.20741291285204633,"below":{"value":-1.352523},"above":{"value":-1.259092}},"above":{"feature":18,"at":-0.38896280993969945,"below":{"value":-1.282848},"above":{"value":-0.96295}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.24514829825102408,"below":{"value":-1.305871},"above":{"value":-1.218556}},"above":{"feature":36,"at":0,"below":{"value":-1.178918},"above":{"value":-0.652047}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.15564807516244678,"below":{"value":-1.261284},"above":{"value":-1.136016}},"above":{"feature":18,"at":-0.4138276760374071,"below":{"value":-1.190688},"above":{"value":-0.853563}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.24514829825102408,"below":{"value":-1.229617},"above":{"value":-1.129631}},"above":{"feature":18,"at":-0.4138276760374071,"below":{"value":-1.148307},"above":{"value":-0.802894}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.24514829825102408,"below":{"value":-1.198911},"above":{"value":-1.09183}},"above":{"feature":36,"at":0.2656198687112013,"below":{"value":-1.014757},"above":{"value":0.137542}}},
    {"feature":6,"at":0.5,"below":{"feature":2,"at":0.2933373459775388,"below":{"value":-1.175803},"above":{"value":-1.076903}},"above":{"feature":18,"at":-0.4138276760374071,"below":{"value":-1.077956},"above":{"value":-0.699274}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.24514829825102408,"below":{"value":-1.148326},"above":{"value":-1.022434}},"above":{"feature":2,"at":0.19832150141366883,"below":{"value":-1.03984},"above":{"value":-0.64583}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.24514829825102408,"below":{"value":-1.12702},"above":{"value":-0.99171}},"above":{"feature":18,"at":-0.4138276760374071,"below":{"value":-1.016526},"above":{"value":-0.608189}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.20741291285204633,"below":{"value":-1.105026},"above":{"value":-0.9409}},"above":{"feature":36,"at":0,"below":{"value":-0.90518},"above":{"value":-0.240175}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.38896280993969945,"below":{"value":-1.103501},"above":{"value":-0.985112}},"above":{"feature":18,"at":-0.4138276760374071,"below":{"value":-0.961785},"above":{"value":-0.522251}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.24514829825102408,"below":{"value":-1.074549},"above":{"value":-0.903982}},"above":{"feature":2,"at":0.19832150141366883,"below":{"value":-0.926723},"above":{"value":-0.468126}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.24514829825102408,"below":{"value":-1.059721},"above":{"value":-0.87665}},"above":{"feature":18,"at":-0.4138276760374071,"below":{"value":-0.91007},"above":{"value":-0.444603}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.38896280993969945,"below":{"value":-1.062598},"above":{"value":-0.912567}},"above":{"feature":2,"at":0,"below":{"value":-0.9324},"above":{"value":-0.468024}}},
    {"feature":6,"at":0.5,"below":{"feature":2,"at":0.2933373459775388,"below":{"value":-1.03957},"above":{"value":-0.852776}},"above":{"feature":36,"at":0,"below":{"value":-0.754597},"above":{"value":-0.021047}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.24514829825102408,"below":{"value":-1.020608},"above":{"value":-0.789546}},"above":{"feature":18,"at":-0.4138276760374071,"below":{"value":-0.837368},"above":{"value":-0.333603}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.38896280993969945,"below":{"value":-1.030063},"above":{"value":-0.83985}},"above":{"feature":2,"at":0.19832150141366883,"below":{"value":-0.800767},"above":{"value":-0.279981}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.38896280993969945,"below":{"value":-1.020154},"above":{"value":-0.816129}},"above":{"feature":2,"at":0,"below":{"value":-0.844633},"above":{"value":-0.331379}}},
    {"feature":6,"at":0.5,"below":{"feature":2,"at":0.2933373459775388,"below":{"value":-0.994405},"above":{"value":-0.741922}},"above":{"feature":18,"at":-0.4138276760374071,"below":{"value":-0.765101},"above":{"value":-0.240414}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.24514829825102408,"below":{"value":-0.974275},"above":{"value":-0.66726}},"above":{"feature":2,"at":0,"below":{"value":-0.799387},"above":{"value":-0.275703}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.38896280993969945,"below":{"value":-0.992734},"above":{"value":-0.737969}},"above":{"feature":36,"at":0,"below":{"value":-0.587683},"above":{"value":0.163786}}},
    {"feature":6,"at":0.5,"below":{"feature":2,"at":0.2933373459775388,"below":{"value":-0.962428},"above":{"value":-0.652123}},"above":{"feature":18,"at":-0.4138276760374071,"below":{"value":-0.693676},"above":{"value":-0.159501}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":22,"at":0.08333333333333331,"below":{"value":-0.947779},"above":{"value":0.551664}},"above":{"feature":18,"at":-0.38896280993969945,"below":{"value":-0.773138},"above":{"value":-0.194003}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":22,"at":0.08333333333333331,"below":{"value":-0.935795},"above":{"value":0.495351}},"above":{"feature":18,"at":-0.38896280993969945,"below":{"value":-0.749292},"above":{"value":-0.177667}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":2,"at":0.2693123963806019,"below":{"value":-0.977708},"above":{"value":-0.706403}},"above":{"feature":18,"at":-0.38896280993969945,"below":{"value":-0.724912},"above":{"value":-0.162487}}},
    {"feature":6,"at":0.5,"below":{"feature":18,"at":-0.38896280993969945,"below":{"value":-0.948756},"above":{"value":-0.598154}},"above":{"feature":2,"at":0.19832150141366883,"below":{"value":-0.572708},"above":{"value":-0.015582}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":2,"at":0.2693123963806019,"below":{"value":-0.962263},"above":{"value":-0.655014}},"above":{"feature":18,"at":-0.38896280993969945,"below":{"value":-0.676062},"above":{"value":-0.11802}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":2,"at":0.2693123963806019,"below":{"value":-0.953784},"above":{"value":-0.629243}},"above":{"feature":18,"at":-0.3092572068746101,"below":{"value":-0.589833},"above":{"value":-0.00915}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":2,"at":0.2693123963806019,"below":{"value":-0.944993},"above":{"value":-0.60313}},"above":{"feature":18,"at":-0.4138276760374071,"below":{"value":-0.643631},"above":{"value":-0.105257}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":2,"at":0.2693123963806019,"below":{"value":-0.935825},"above":{"value":-0.576762}},"above":{"feature":7,"at":0.0625,"below":{"value":-0.497325},"above":{"value":0.142923}}},
    {"feature":22,"at":-0.16666666666666669,"below":{"feature":18,"at":-0.38896280993969945,"below":{"value":-0.909885},"above":{"value":-0.468255}},"above":{"feature":7,"at":0.1111111111111111,"below":{"value":-0.33414},"above":{"value":0.435082}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":2,"at":0.2693123963806019,"below":{"value":-0.917607},"above":{"value":-0.521578}},"above":{"feature":18,"at":-0.4138276760374071,"below":{"value":-0.576112},"above":{"value":-0.043846}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":2,"at":0.2693123963806019,"below":{"value":-0.907018},"above":{"value":-0.495068}},"above":{"feature":2,"at":0.22133756496679,"below":{"value":-0.501888},"above":{"value":0.016568}}},
    {"feature":22,"at":-0.16666666666666669,"below":{"feature":18,"at":-0.38896280993969945,"below":{"value":-0.877528},"above":{"value":-0.384532}},"above":{"feature":2,"at":0,"below":{"value":-0.489891},"above":{"value":0.045547}}},
    {"feature":22,"at":-0.6666666666666667,"below":{"feature":2,"at":0.5327023787219058,"below":{"value":-0.829665},"above":{"value":0.182727}},"above":{"feature":18,"at":-0.3092572068746101,"below":{"value":-0.456211},"above":{"value":0.085047}}},
    {"feature":6,"at":0.3333333333333333,"below":{"feature":0,"at":0.06883183744844149,"below":{"value":-0.934322},"above":{"value":-0.487753}},"above":{"feature":7,"at":0.0625,"below":{"value":-0.359642},"above":{"value":0.212751}}},
    {"feature":18,"at":-0.4597599198324279,"below":{"feature":6,"at":0.5,"below":{"value":-0.864273},"above":{"value":-0.281695}},"above":{"feature":24,"at":0,"below":{"value":-0.248117},"above":{"value":0.69446}}},
    {"feature":22,"at":-0.6666666666666667,"below":{"feature":2,"at":0.5327023787219058,"below":{"value":-0.783671},"above":{"value":0.250482}},"above":{"feature":23,"at":0.09090909090909091,"below":{"value":-0.262917},"above":{"value":0.724314}}},
    {"feature":18,"at":-0.4597599198324279,"below":{"feature":22,"at":-0.16666666666666669,"below":{"value":-0.855912},"above":{"value":-0.272588}},"above":{"feature":7,"at":0.0625,"below":{"value":-0.300373},"above":{"value":0.197897}}},
    {"feature":22,"at":-0.6666666666666667,"below":{"feature":2,"at":0.5327023787219058,"below":{"value":-0.750619},"above":{"value":0.237792}},"above":{"feature":2,"at":0,"below":{"value":-0.498937},"above":{"value":0.026742}}},
    {"feature":22,"at":-0.6666666666666667,"below":{"feature":2,"at":0.45069763453885037,"below":{"value":-0.750144},"above":{"value":-0.001781}},"above":{"feature":2,"at":0.24345559942593642,"below":{"value":-0.350755},"above":{"value":0.131}}},
    {"feature":18,"at":-0.608858291717909,"below":{"feature":13,"at":0,"below":{"value":-0.777017},"above":{"value":0.731342}},"above":{"feature":22,"at":-0.6666666666666667,"below":{"value":-0.485529},"above":{"value":-0.011641}}},
    {"feature":18,"at":-0.4597599198324279,"below":{"feature":22,"at":-0.16666666666666669,"below":{"value":-0.809258},"above":{"value":-0.17053}},"above":{"feature":24,"at":0,"below":{"value":-0.141986},"above":{"value":0.645075}}},
    {"feature":18,"at":-0.608858291717909,"below":{"feature":13,"at":0,"below":{"value":-0.742428},"above":{"value":0.704594}},"above":{"feature":1,"at":0.09726191377680421,"below":{"value":-0.47481},"above":{"value":0.00136}}},
    {"feature":22,"at":-0.6666666666666667,"below":{"feature":23,"at":-0.125,"below":{"value":-0.829294},"above":{"value":-0.291869}},"above":{"feature":23,"at":0.09090909090909091,"below":{"value":-0.14548},"above":{"value":0.618307}}},
  ],
};
