/**
 * Word lists the extraction passes share: title words, role nouns, organisation and place heads, speech
 * verbs. compromise's lexicon supplies first names, countries, cities and the common English words; the
 * lists here add what news text about politics needs and compromise lacks.
 */
import nlp from 'compromise';

type CompromiseModel = { one: { lexicon: Record<string, string | undefined> } };
const LEXICON: Record<string, string | undefined> = (nlp as unknown as { model(): CompromiseModel }).model().one.lexicon;

/** compromise's tag for a lower-case word ("Country", "City", "MaleName", "Conjunction", …), or undefined. */
export function lexiconTag(word: string): string | undefined {
  const tag = LEXICON[word.toLowerCase()];
  return typeof tag === 'string' ? tag : undefined;
}

export function isFirstName(word: string): boolean {
  const tag = lexiconTag(word);
  return tag === 'MaleName' || tag === 'FemaleName' || tag === 'FirstName';
}

const PLACE_TAGS = new Set(['Country', 'City', 'Region', 'Place', 'Place,ProperNoun', 'Continent', 'CityState']);
export function isKnownPlace(word: string): boolean {
  const tag = lexiconTag(word);
  return (tag !== undefined && (PLACE_TAGS.has(tag) || tag.startsWith('Place'))) || EXTRA_PLACES.has(word.toLowerCase());
}

/** Places compromise's lexicon lacks that news about the region names often. */
const EXTRA_PLACES = new Set([
  'britain', 'ljubljana', 'palestine', 'gaza', 'west bank', 'middle east', 'persia', 'kurdistan', 'golan', 'sinai',
  'crimea', 'donbas', 'kyiv', 'kiev', 'taiwan', 'hong kong', 'europe', 'africa', 'asia', 'latin america', 'scandinavia',
  'balkans', 'caucasus', 'levant', 'gulf', 'the west', 'west', 'east', 'persian gulf', 'red sea', 'strait of hormuz', 'united states', 'united kingdom',
  'soviet union', 'romania', 'românia', 'new york', 'los angeles', 'san francisco', 'washington', 'tel aviv',
  'new delhi', 'abu dhabi', 'buenos aires', 'rio de janeiro', 'hong kong', 'kuala lumpur', 'ho chi minh city',
]);

/** Common words that compromise tags as something other than a name, and therefore do not start a name. */
export function isCommonWord(word: string): boolean {
  const lower = word.toLowerCase();
  if (COMMON_STARTERS.has(lower) || LEXICON_GAPS.has(lower)) return true;
  const tag = lexiconTag(lower);
  if (tag === undefined) return /^[a-z]+(ly|ing|ed|ness|ment|tion|tions|ions|ers|ies)$/.test(lower);
  return !/Name|Country|City|Place|Region|Organization|ProperNoun|Demonym|Continent/.test(tag);
}

/**
 * Function words (determiners, pronouns, prepositions, conjunctions, adverbs): never the start of a name,
 * even when a capitalised word follows ("If Hamas agrees", "Following Bennett's visit").
 */
export function isFunctionWord(word: string): boolean {
  const lower = word.toLowerCase();
  if (COMMON_STARTERS.has(lower) && !/^(suggestions|participants|shame|cooperation|seeing|meeting|follows)$/.test(lower)) return true;
  const tag = lexiconTag(lower) ?? '';
  return /Determiner|Pronoun|Preposition|Conjunction|Adverb|QuestionWord|Negative|Copula|Modal/.test(tag) || /^[a-z]+ly$/.test(lower);
}

/** Common adjectives compromise's lexicon lacks that stand before a title ("Local MP Rachael Maskell"). */
const LEXICON_GAPS = new Set(['local', 'regional', 'provincial', 'municipal', 'federal', 'rural', 'urban']);

/** Sentence openers compromise's lexicon does not know as common words. */
const COMMON_STARTERS = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her',
  'their', 'our', 'my', 'your', 'but', 'and', 'or', 'so', 'yet', 'if', 'when', 'while', 'after', 'before', 'since', 'as',
  'in', 'on', 'at', 'by', 'for', 'from', 'with', 'without', 'of', 'to', 'into', 'over', 'under', 'during', 'despite',
  'following', 'according', 'also', 'both', 'each', 'every', 'some', 'many', 'most', 'more', 'several', 'all', 'no', 'not',
  'there', 'here', 'however', 'meanwhile', 'moreover', 'furthermore', 'together', 'still', 'then', 'now', 'today',
  'yesterday', 'tomorrow', 'tonight', 'last', 'next', 'earlier', 'later', 'former', 'current', 'other', 'another', 'such',
  'what', 'which', 'who', 'whom', 'whose', 'why', 'how', 'where', 'until', 'unlike', 'like', 'just', 'only', 'even', 'thus',
  'of course', 'let', 'follows', 'suggestions', 'participants', 'normally', 'shame', 'cooperation', 'seeing', 'meeting',
  'under', 'among', 'amid', 'around', 'about', 'above', 'below', 'between', 'through', 'across', 'against', 'toward', 'towards',
  'whether', 'although', 'though', 'because', 'once', 'yes', 'thank', 'thanks', 'please', 'dear', 'mr', 'mrs', 'ms',
]);

/** Titles that stand before a name and are not part of it ("Sen. Ted Cruz", "Rabbi Dr. Aharon Ariel Lavie"). */
export const TITLE_WORDS = new Set([
  'mr', 'mrs', 'ms', 'mx', 'miss', 'dr', 'prof', 'professor', 'sen', 'senator', 'rep', 'representative', 'gov', 'governor',
  'gen', 'general', 'lt', 'lieutenant', 'col', 'colonel', 'capt', 'captain', 'sgt', 'sergeant', 'maj', 'major', 'adm',
  'admiral', 'cmdr', 'commander', 'rev', 'reverend', 'hon', 'amb', 'ambassador', 'pres', 'president', 'sec', 'secretary',
  'rabbi', 'imam', 'sheikh', 'sheik', 'ayatollah', 'mullah', 'hojatoleslam', 'cardinal', 'bishop', 'archbishop', 'pope',
  'father', 'sister', 'brother', 'king', 'queen', 'prince', 'princess', 'crown', 'shah', 'emir', 'sultan', 'sir', 'dame',
  'lord', 'lady', 'minister', 'premier', 'chancellor', 'mayor', 'judge', 'justice', 'chief', 'chairman', 'chairwoman',
  'speaker', 'mk', 'deputy', 'vice', 'prime', 'foreign', 'defense', 'defence', 'intelligence', 'finance', 'interior',
  'spokesman', 'spokeswoman', 'spokesperson', 'member', 'leader', 'founder', 'director', 'head', 'envoy', 'adviser',
  'ceo', 'cfo', 'coo', 'cto', 'chairperson', 'manager', 'boss', 'coach', 'president-elect', 'anchor', 'editor',
  'commissioner', 'superintendent', 'inspector', 'constable', 'councillor', 'councilor', 'alderman', 'rapporteur',
  'advisor', 'supreme', 'former', 'late', 'acting', 'president-elect', 'mp', 'mep', 'msp', 'mla', 'witness', 'defendant',
  'detective', 'prosecutor', 'attorney', 'lawyer', 'secretary-general', 'director-general', 'taoiseach', 'tanaiste', 'tánaiste',
]);

/** Nouns that make a phrase a role description ("an artist who …", "founder of the Middle East Center"). */
export const ROLE_NOUNS = new Set([
  'president', 'president-elect', 'minister', 'premier', 'chancellor', 'senator', 'sen', 'representative', 'congressman',
  'congresswoman', 'lawmaker', 'legislator', 'mk', 'mp', 'mep', 'msp', 'mla', 'member', 'leader', 'head', 'chief', 'chairman', 'chairwoman', 'chair',
  'director', 'founder', 'co-founder', 'cofounder', 'secretary', 'spokesman', 'spokeswoman', 'spokesperson', 'adviser',
  'advisor', 'ambassador', 'envoy', 'diplomat', 'official', 'mayor', 'governor', 'general', 'commander', 'officer',
  'judge', 'prosecutor', 'attorney', 'lawyer', 'rabbi', 'imam', 'ayatollah', 'cleric', 'king', 'queen', 'prince',
  'princess', 'shah', 'emir', 'son', 'daughter', 'wife', 'husband', 'widow', 'brother', 'sister', 'mother', 'father',
  'artist', 'musician', 'singer', 'writer', 'author', 'journalist', 'reporter', 'correspondent', 'editor', 'columnist',
  'commentator', 'analyst', 'researcher', 'scholar', 'professor', 'academic', 'expert', 'activist', 'dissident',
  'campaigner', 'organizer', 'organiser', 'coordinator', 'candidate', 'nominee', 'ceo', 'executive', 'manager', 'owner',
  'partner', 'economist', 'scientist', 'doctor', 'physician', 'student', 'teacher', 'influencer', 'blogger', 'poet',
  'filmmaker', 'actor', 'actress', 'athlete', 'player', 'coach', 'officer', 'soldier', 'veteran', 'survivor', 'resident',
  'citizen', 'representative', 'delegate', 'negotiator', 'mediator', 'strategist', 'consultant', 'branch', 'arm', 'wing',
  'boss', 'manager', 'nurse', 'farmer', 'worker', 'driver', 'pilot', 'priest', 'pastor', 'chaplain',
  'team', 'group', 'organization', 'organisation', 'party', 'movement', 'agency', 'network', 'coalition', 'alliance',
  'opposition', 'faction', 'unit', 'body', 'institute', 'center', 'centre', 'council', 'committee', 'company', 'outlet',
  'newspaper', 'broadcaster', 'station', 'bureau', 'ministry', 'department', 'association', 'foundation', 'union',
  'capital', 'city', 'country', 'state', 'region', 'province', 'town', 'village',
]);

/** Last words that make a capitalised phrase an organisation. */
export const ORG_HEADS = new Set([
  'ministry', 'organization', 'organisation', 'council', 'center', 'centre', 'party', 'corps', 'network', 'agency', 'office',
  'union', 'congress', 'parliament', 'knesset', 'committee', 'commission', 'institute', 'foundation', 'university', 'college',
  'movement', 'front', 'army', 'forces', 'guard', 'guards', 'bureau', 'department', 'association', 'society', 'news', 'times',
  'post', 'journal', 'herald', 'tribune', 'gazette', 'press', 'company', 'inc', 'ltd', 'llc', 'corp', 'corporation', 'group',
  'bank', 'court', 'senate', 'house', 'lords', 'commons', 'brigades', 'brigade', 'authority', 'administration', 'league',
  'fund', 'service', 'services', 'international', 'federation', 'board', 'assembly', 'cabinet', 'government', 'police',
  'navy', 'force', 'coalition', 'alliance', 'jihad', 'hezbollah', 'hamas', 'taliban', 'mojahedin', 'mujahedin', 'khalq',
  'resistance', 'opposition', 'staff', 'team', 'club', 'church', 'mosque', 'synagogue', 'school', 'academy', 'hospital',
  'nations', 'watch', 'monitor', 'tv', 'radio', 'channel', 'times', 'daily', 'weekly', 'reuters',
  'stone', 'regime', 'republic', 'kingdom', 'states', 'emirates',
]);

/** Last words that make a capitalised phrase a place. */
export const PLACE_HEADS = new Set([
  'strip', 'square', 'street', 'avenue', 'road', 'wall', 'sea', 'gulf', 'river', 'lake', 'mountain', 'mountains', 'mount',
  'island', 'islands', 'province', 'city', 'county', 'region', 'bay', 'valley', 'desert', 'bank', 'heights', 'peninsula',
  'coast', 'border', 'airport', 'port', 'bridge', 'park', 'plaza', 'district', 'quarter', 'camp', 'base', 'palace',
]);

/** Last words that make a capitalised phrase an event, agreement, document or period rather than a person. */
export const OTHER_HEADS = new Set([
  'accords', 'accord', 'agreement', 'agreements', 'treaty', 'deal', 'pact', 'day', 'revolution', 'war', 'wars', 'summit',
  'conference', 'operation', 'flood', 'year', 'holocaust', 'act', 'law', 'bill', 'plan', 'initiative', 'election',
  'elections', 'games', 'olympics', 'cup', 'festival', 'award', 'prize', 'crisis', 'uprising', 'intifada', 'massacre',
  'attack', 'attacks', 'declaration', 'doctrine', 'protocol', 'convention', 'charter', 'report', 'program', 'programme',
  'project', 'campaign', 'strategy', 'memorial', 'museum', 'prize', 'nowruz', 'ramadan', 'christmas', 'easter', 'passover',
  'hanukkah', 'yom', 'kippur', 'eid', 'sabbath', 'shabbat', 'covid', 'covid-19', 'coronavirus',
]);

/** Verbs that attribute speech or writing. Base forms; inflections are matched by SPEECH_VERB_PATTERN. */
const SPEECH_VERBS = [
  'say', 'said', 'says', 'tell', 'told', 'tells', 'add', 'added', 'adds', 'state', 'stated', 'states', 'note', 'noted',
  'notes', 'continue', 'continued', 'continues', 'write', 'wrote', 'writes', 'written', 'declare', 'declared', 'declares',
  'announce', 'announced', 'announces', 'explain', 'explained', 'explains', 'stress', 'stressed', 'stresses', 'emphasize',
  'emphasized', 'emphasizes', 'emphasise', 'emphasised', 'emphasises', 'argue', 'argued', 'argues', 'insist', 'insisted',
  'insists', 'claim', 'claimed', 'claims', 'warn', 'warned', 'warns', 'ask', 'asked', 'asks', 'reply', 'replied', 'replies',
  'respond', 'responded', 'responds', 'urge', 'urged', 'urges', 'recall', 'recalled', 'recalls', 'remark', 'remarked',
  'remarks', 'comment', 'commented', 'comments', 'observe', 'observed', 'observes', 'conclude', 'concluded', 'concludes',
  'post', 'posted', 'posts', 'tweet', 'tweeted', 'tweets', 'read', 'reads', 'vow', 'vowed', 'vows', 'pledge', 'pledged',
  'pledges', 'admit', 'admitted', 'admits', 'acknowledge', 'acknowledged', 'acknowledges', 'promise', 'promised',
  'promises', 'predict', 'predicted', 'predicts', 'describe', 'described', 'describes', 'describing', 'call', 'called',
  'calls', 'confirm', 'confirmed', 'confirms', 'deny', 'denied', 'denies', 'suggest', 'suggested', 'suggests', 'tell',
  'cry', 'cried', 'shout', 'shouted', 'exclaim', 'exclaimed', 'whisper', 'whispered', 'joke', 'joked', 'quip', 'quipped',
  'boast', 'boasted', 'lament', 'lamented', 'complain', 'complained', 'agree', 'agreed', 'praise', 'praised', 'praising',
  'condemn', 'condemned', 'condemning', 'thank', 'thanked', 'welcome', 'welcomed', 'demand', 'demanded', 'demands',
  'saying', 'adding', 'noting', 'stating', 'writing', 'telling', 'warning', 'calling', 'claiming', 'declaring', 'stressing',
  'insisting', 'arguing', 'explaining', 'asking', 'announcing', 'according',
  // Verbs that describe words and may carry a fragment of them ("accused the government of “reckless cuts”").
  'accuse', 'accused', 'accuses', 'accusing', 'dismiss', 'dismissed', 'dismisses', 'dismissing', 'criticise', 'criticised',
  'criticize', 'criticized', 'criticising', 'criticizing', 'slam', 'slammed', 'hail', 'hailed', 'blast', 'blasted',
  'counter', 'countered', 'counters', 'concede', 'conceded', 'concedes', 'retort', 'retorted', 'retorts', 'recount', 'recounted',
];
export const SPEECH_VERB = new Set(SPEECH_VERBS);

/** Verbs after which a quotation is a name or an epithet, not something the subject said ("branded Israel the 'Little Satan'"). */
export const NAMING_CUES = /\b(titled|entitled|called|named|dubbed|branded|labell?ed|known as|nicknamed|so-called|the term|the word|the phrase|the slogan|slogans?|chant(ed|ing)?|hashtag|headlined|headline|banner|operation|campaign|book|film|song|album|article|op-ed|report|programme|program|show|series|motto)\W*$/i;

/** Pronouns that stand for a person speaker. */
export const PERSON_PRONOUNS = new Set(['he', 'she']);
export const GROUP_PRONOUNS = new Set(['they', 'we']);

/** Nouns of anonymous sources: a quote attributed to one of these stays anonymous. */
export const ANONYMOUS_HEADS = /\b(sources?|spokes(man|woman|person|people)|officials?|aides?|insiders?|diplomats?|observers?|critics?|analysts?|experts?|witnesses?|residents?|people|person|someone|man|woman|representatives?|members?|associates?|confidants?|allies|ally|friends?|relatives?|colleagues?|staffers?|employees?|activists?|protesters?|supporters?|officers?|soldiers?|police(man|woman)?|ministers?|lawmakers?|legislators?|participants?)\b/i;
