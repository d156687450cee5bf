export { modelToSql, asOfFor, type SqlOptions } from './toSql';
export { DIALECTS, dialectByName, type Dialect, type DialectName } from './dialects';
export { wildcardToLike, wildcardToRegex, type LikePattern } from './wildcards';
export { commentText, parseTableName } from './sqlText';
