/** Bump when extraction or record shapes change: a cached knowledge base with another version is rebuilt. */
export const KB_VERSION = 5;
