/**
 * Kubernetes-adjacent subjects that share words with course topics but are a different job:
 * "Unable to connect to the server: x509: ..." is kubectl failing to reach the API server, not a
 * service mesh certificate; "backup etcd" is control-plane operations, not Velero. A question about
 * one of them is declined with the closest topics, unless the course's glossary names the subject
 * (then the course covers it and the ranking decides).
 */
interface UncoveredSubject {
	/** What the question is about, as the decline says it. */
	readonly subject: string;
	readonly pattern: RegExp;
	/** The question is not about the subject after all when it also says this. */
	readonly unless?: RegExp;
	/** A glossary name that, when some term has it, means the course covers the subject after all. */
	readonly coveredBy: string;
}

const NEAR = "[^.?!\\n]{0,60}";
const ETCD_WORK = "(?:backups?|back up|snapshots?|restore|recover|defrag\\w*|quorum|members?)";

const SUBJECTS: readonly UncoveredSubject[] = [
	{
		subject: "connecting kubectl to the API server (kubeconfig, server address, API server certificates)",
		pattern: /\bunable to connect to the server\b|\bthe connection to the server \S+ was refused\b/i,
		coveredBy: "kubeconfig",
	},
	{ subject: "setting up or joining a cluster with kubeadm", pattern: /\bkubeadm\b/i, coveredBy: "kubeadm" },
	{
		subject: "operating etcd itself (snapshots, backup and restore of the control plane's store)",
		pattern: new RegExp(`\\betcdctl\\b|\\betcd\\b${NEAR}\\b${ETCD_WORK}\\b|\\b${ETCD_WORK}\\b${NEAR}\\betcd\\b`, "i"),
		coveredBy: "etcd",
	},
	{
		subject: "a program outside any cluster (on your own machine or a plain server)",
		pattern:
			/\blocalhost\b|\b127\.0\.0\.1\b|\b(?:plain|bare|bare-metal|regular|standalone)\s+(?:vms?|virtual machines?|servers?|hosts?|linux box(?:es)?)\b/i,
		unless:
			/\b(?:kubectl|kubernetes|k8s|k3s|pods?|clusters?|containers?|port-forward\w*|minikube|kind|nodes?|services?|ingress\w*|deployments?|namespaces?|helm|docker|probes?|prometheus|grafana|argo\w*)\b/i,
		coveredBy: "localhost",
	},
	{
		subject: "local virtual machines (Vagrant, VirtualBox, Hyper-V, VMware)",
		pattern: /\b(?:vagrant|virtualbox|hyper-v|vmware)\b/i,
		coveredBy: "vagrant",
	},
];

/**
 * The Kubernetes-adjacent subject the question is about that the course does not teach, if any.
 * `named` tells whether some glossary term has the given name.
 */
export function uncoveredSubject(question: string, named: (name: string) => boolean): string | undefined {
	for (const { subject, pattern, unless, coveredBy } of SUBJECTS) {
		if (pattern.test(question) && !unless?.test(question) && !named(coveredBy)) return subject;
	}
	return undefined;
}
