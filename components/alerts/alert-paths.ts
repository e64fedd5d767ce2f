// Page paths of the rules and contact points pages; an id is encoded on its own ("config:Name" stays one segment).
export const RULES_PATH = "/alerts/rules";
export const NEW_RULE_PATH = "/alerts/rules/new";
export const CONTACT_POINTS_PATH = "/alerts/contact-points";
export const rulePath = (ruleId: string) => `${RULES_PATH}/${encodeURIComponent(ruleId)}`;
