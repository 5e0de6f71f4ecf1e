export { applyBusinessRules, type BusinessRules, type RuleOutcome } from './business-rules';
export { type Candidate, candidateSimilarity, unitScores } from './candidate';
export { type DppOptions, dppRerank } from './dpp';
export { type MmrOptions, mmrRerank } from './mmr';
