// Log level words → the English java.util.logging level they stand for.
//
// Tomcat's OneLineFormatter and JUL's SimpleFormatter print Level.getLocalizedName(), so a server
// running with a Chinese default locale writes 严重/警告 even when Tomcat has no Chinese message
// bundle. The names below are JDK facts, read from the JDK's own resource bundles
// (openjdk/jdk src/java.logging/share/classes/sun/util/logging/resources/logging_<locale>.properties);
// they are embedded here because the reference TSV (../shared/corpus/reference/jul-level-names.tsv)
// is a test-time corpus, absent on a user's machine. level-names.test.ts checks them against it.

export type JulLevel = 'SEVERE' | 'WARNING' | 'INFO' | 'CONFIG' | 'FINE' | 'FINER' | 'FINEST' | 'ALL' | 'OFF';

/** Per JDK locale, the localized names in the order SEVERE … OFF. */
export const JUL_LEVEL_NAMES: Record<string, readonly string[]> = {
  en: ['SEVERE', 'WARNING', 'INFO', 'CONFIG', 'FINE', 'FINER', 'FINEST', 'ALL', 'OFF'],
  zh_CN: ['严重', '警告', '信息', '配置', '详细', '较详细', '非常详细', '全部', '禁用'],
  zh_TW: ['嚴重', '警告', '資訊', '組態', '詳細', '較詳細', '最詳細', '所有', '關閉'],
  ja: ['重大', '警告', '情報', '構成', '普通', '詳細', '最も詳細', 'すべて', 'オフ'],
  ko: ['심각', '경고', '정보', '구성', '미세', '보다 미세', '가장 미세', '모두', '해제'],
  fr: ['Grave', 'Avertissement', 'Infos', 'Config', 'Précis', 'Plus précis', 'Le plus précis', 'Tout', 'Désactivé'],
  es: ['Grave', 'Advertencia', 'Información', 'Configurar', 'Detallado', 'Muy Detallado', 'Más Detallado', 'Todo', 'Desactivado'],
  pt_BR: ['Grave', 'Advertência', 'Informações', 'Configuração', 'Detalhado', 'Mais Detalhado', 'O Mais Detalhado', 'Tudo', 'Desativado'],
  de: ['Schwerwiegend', 'Warnung', 'Information', 'Konfiguration', 'Fein', 'Feiner', 'Am feinsten', 'Alle', 'Deaktiviert'],
  // JDK 5/6 German bundle (still seen on old servers).
  de_old: ['SCHWERWIEGEND', 'WARNUNG', 'INFO', 'KONFIGURATION', 'FEIN', 'FEINER', 'AM FEINSTEN', 'ALLE', 'AUS'],
  it: ['Grave', 'Avvertenza', 'Informazioni', 'Configurazione', 'Buono', 'Migliore', 'Ottimale', 'Tutto', 'Non attivo'],
  sv: ['Allvarlig', 'Varning', 'Info', 'Konfig', 'Fin', 'Finare', 'Finaste', 'Alla', 'Av'],
};

const ORDER: readonly JulLevel[] = ['SEVERE', 'WARNING', 'INFO', 'CONFIG', 'FINE', 'FINER', 'FINEST', 'ALL', 'OFF'];

/** Logback / Log4j / SLF4J level words, mapped onto the JUL scale (SLF4JBridgeHandler's mapping). */
const FRAMEWORK_LEVELS: Record<string, JulLevel> = {
  FATAL: 'SEVERE',
  ERROR: 'SEVERE',
  WARN: 'WARNING',
  INFO: 'INFO',
  DEBUG: 'FINE',
  TRACE: 'FINEST',
};

const BY_NAME = new Map<string, JulLevel>();
for (const names of Object.values(JUL_LEVEL_NAMES)) {
  names.forEach((n, i) => {
    // First locale wins for shared words ("Grave" is SEVERE everywhere it appears; "Info" is INFO).
    if (!BY_NAME.has(n.toLowerCase())) BY_NAME.set(n.toLowerCase(), ORDER[i]);
  });
}
for (const [w, l] of Object.entries(FRAMEWORK_LEVELS)) BY_NAME.set(w.toLowerCase(), l);

/** "严重" → "SEVERE", "WARN" → "WARNING", "Avertissement" → "WARNING"; undefined when not a level word. */
export function levelFromName(word: string): JulLevel | undefined {
  return BY_NAME.get(word.trim().toLowerCase());
}

/** The longest level name, in characters (bounds the scan for a level in a line header). */
export const MAX_LEVEL_NAME_CHARS = Math.max(...[...BY_NAME.keys()].map((k) => k.length));

/** True for levels that mean "something is wrong" (WARNING and above). */
export function isProblemLevel(level: string | undefined): boolean {
  return level === 'SEVERE' || level === 'WARNING';
}
