// Page paths of a cluster's pages; every part is encoded on its own so "/" in a name stays data.
const enc = encodeURIComponent;

export const clusterPath = (clusterId: string) => `/clusters/${enc(clusterId)}`;
export const groupPath = (clusterId: string, groupId: string) => `${clusterPath(clusterId)}/groups/${enc(groupId)}`;
export const topicPath = (clusterId: string, topic: string) => `${clusterPath(clusterId)}/topics/${enc(topic)}`;
export const queuePath = (clusterId: string, vhost: string, name: string) => `${clusterPath(clusterId)}/queues/${enc(vhost)}/${enc(name)}`;
export const deadLettersPath = (clusterId: string) => `${clusterPath(clusterId)}/dead-letters`;
/** A dead-letter source's browse page; `query` carries the source (?topic= or ?vhost=&queue=) and any filter. */
export const deadLetterBrowsePath = (clusterId: string, query: URLSearchParams) => `${deadLettersPath(clusterId)}/browse?${query.toString()}`;
