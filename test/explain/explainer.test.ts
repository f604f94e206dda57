import { describe, expect, it } from "vitest";
import { ExplainIndex } from "../../src/explain/explain-index.ts";
import { Explainer } from "../../src/explain/explainer.ts";
import { termTokens } from "../../src/explain/index-tokens.ts";
import { findNames } from "../../src/explain/question-names.ts";
import { outputSubjects, withoutSpansAndShares, withoutTableHeaders, withSmallNumbersAsWords } from "../../src/explain/question-parts.ts";
import { asksForName, remedyClause, shapeOf } from "../../src/explain/question-shape.ts";
import { derivedStems, tokens } from "../../src/explain/text.ts";
import { mainCourse } from "../helpers/course.ts";

describe("Explainer", () => {
	const explainer = new Explainer(mainCourse());

	it("answers exit code 137 from Episode 2 with how to diagnose and fix it", () => {
		const answer = explainer.explain("why exit code 137?");
		expect(answer.answered).toBe(true);
		expect(answer.episode).toBe(2);
		expect(answer.episodeTitle).toBe("Resource Management");
		expect(answer.diagnose?.length).toBeGreaterThan(0);
		expect(answer.fix?.length).toBeGreaterThan(0);
		expect(answer.section?.id).toMatch(/^ep2-/);
	});

	it("finds the term through a typo", () => {
		expect(explainer.explain("crashloopbakoff").term).toBe("crashloopbackoff");
		expect(explainer.explain("what is a statefullset").term).toBe("statefulset");
	});

	it("recognises error lines that kubectl and events print", () => {
		expect(explainer.explain("Back-off restarting failed container").term).toBe("crashloopbackoff");
		expect(explainer.explain("0/3 nodes are available: 3 Insufficient memory.").term).toBe("pending-pod");
	});

	it("declines what the course does not cover, offering only topics related to the question, or none", () => {
		const answer = explainer.explain("how do I bake sourdough bread");
		expect(answer).toMatchObject({ answered: false, episode: null, title: "Not in the course" });
		expect(answer.text).toContain("won't guess");
		expect(answer.text).not.toContain("Close topics");
		expect(answer.suggestions).toEqual([]);
		// A neighbouring subject shares real vocabulary with the course: its close topics are offered.
		const etcd = explainer.explain("How to take backup/restore etcd cluster");
		expect(etcd.answered).toBe(false);
		expect(etcd.suggestions?.map((s) => s.id)).toContain("velero");
		expect(etcd.text).toContain("Close topics it does cover: ");
	});

	it("declines a neighbouring subject the course does not teach, even when it shares a pasted error", () => {
		const apiServer = explainer.explain("kubectl get pods: Unable to connect to the server: x509: certificate signed by unknown authority");
		expect(apiServer).toMatchObject({ answered: false, verdict: "none", title: "Not in the course" });
		expect(apiServer.text).toContain("kubectl to the API server");
		expect(apiServer.suggestions?.map((s) => s.id)).toContain("mtls");
		expect(explainer.explain("how do I back up etcd before an upgrade").answered).toBe(false);
		expect(explainer.explain("kubeadm join fails with expired token").answered).toBe(false);
		expect(explainer.explain("node server.js on my laptop: curl localhost:3000 connection refused").answered).toBe(false);
		expect(explainer.explain("kubectl port-forward svc/api 8080 then curl localhost:8080 gets connection refused").answered).toBe(true);
		// The same certificate error between two services is the mesh's, which the course covers.
		expect(explainer.explain("x509: certificate signed by unknown authority").term).toBe("mtls");
		expect(explainer.explain("how do we back up the cluster with velero").term).toBe("velero");
	});

	it("reads a pasted kubectl table by its STATUS column, and takes '10 min' and '80%' as time and share", () => {
		const table = [
			"checkout went down right after the rollout half an hour ago, team is panicking",
			"NAME                            READY   STATUS             RESTARTS      AGE",
			"checkout-7f9c6d5b8-2kq4n        0/1     ImagePullBackOff   0             31m",
			"checkout-7f9c6d5b8-9zt7w        0/1     ImagePullBackOff   0             31m",
		].join("\n");
		expect(explainer.explain(table).term).toBe("imagepullbackoff");
		expect(outputSubjects(table)).toEqual(["ImagePullBackOff", "ImagePullBackOff"]);
		expect(outputSubjects("$ kubectl get rs -n web")).toEqual(["rs"]);
		expect(withoutSpansAndShares("read udp 10.244.1.7:41234->10.96.0.10:53")).not.toMatch(/\d/);
		expect(withoutSpansAndShares("cpu at 80% for 10 min, then 2 hours")).not.toMatch(/min|hours|80/);
	});

	it("keeps the CLI contract fields on every answer, and says how sure it is", () => {
		for (const question of ["OOMKilled", "terraform state locking", ""]) {
			const answer = explainer.explain(question);
			expect(typeof answer.answered).toBe("boolean");
			expect(answer.episode === null || typeof answer.episode === "number").toBe(true);
			expect(typeof answer.title).toBe("string");
			expect(typeof answer.text).toBe("string");
			expect(answer.confidence).toBeGreaterThanOrEqual(0);
			expect(answer.confidence).toBeLessThanOrEqual(1);
			expect(Array.isArray(answer.alternatives)).toBe(true);
		}
		expect(explainer.explain("OOMKilled").confidence).toBe(1);
		expect(explainer.explain("terraform state locking").confidence).toBeLessThan(0.5);
	});

	it("answers a comparison from both concepts' lessons", () => {
		const answer = explainer.explain("readiness vs liveness probe");
		expect(answer.shape).toBe("comparison");
		expect([answer.term, answer.compared?.id].sort()).toEqual(["liveness-probe", "readiness-probe"]);
		expect(answer.text).toContain("Liveness probe");
		expect(answer.text).toContain("Readiness probe");
		expect(answer.title).toMatch(/ vs /);
	});

	it("reads each compared side on its own: a one-word side is not glued to the other's last word, context after it is left out", () => {
		expect(shapeOf("hpa vs cluster autoscaler, which one adds nodes").sides).toEqual([["hpa", "hpa autoscaler"], ["cluster autoscaler"]]);
		expect(shapeOf("cluster autoscaler vs karpenter when spot nodes go away").sides).toEqual([
			["cluster autoscaler"],
			["karpenter", "karpenter autoscaler"],
		]);
		const pair = explainer.explain("helm vs kustomize if we only patch a few fields per environment");
		expect([pair.term, pair.compared?.id].sort()).toEqual(["helm", "kustomize"]);
	});

	it("answers 'X instead of Y' as X, compared with Y, and never as Y alone", () => {
		const answer = explainer.explain("why use a StatefulSet instead of a Deployment for postgres");
		expect(answer.term).toBe("statefulset");
		expect(answer.compared?.id).toBe("deployment");
		expect(shapeOf("run it as a plain pod instead of something that restarts it").subject).toBe(0);
	});

	it("meets a word in its -tion form and its verb forms, and a misspelling of the -tion form", () => {
		expect(tokens("eviction evicted evicting")).toEqual(["evict", "evict", "evict"]);
		expect(tokens("termination terminating terminated")).toEqual(["terminat", "terminat", "terminat"]);
		expect(explainer.explain("pods hang in terminating after kubectl delete").term).toBe("graceful-shutdown");
		expect(explainer.explain("tolerashion for gpu nodes").term).toBe("taints-tolerations");
	});

	it("meets an adjective in -e or -ic in its adverb, and leaves words that only end in -ly alone", () => {
		expect(tokens("safely safe")).toEqual(["safe", "safe"]);
		expect(tokens("automatically automatic")).toEqual(["automatic", "automatic"]);
		expect(tokens("apply family assembly")).toEqual(["apply", "family", "assembly"]);
	});

	it("reads an availability target ('99.9%', '99.95') as words, where other numbers and shares are dropped", () => {
		expect(tokens("we promise 99.9% uptime")).toEqual(["promis", "availability", "target", "uptim"]);
		expect(withoutSpansAndShares("99.95 over 30 days, cpu at 80%")).toContain("availability target");
		expect(tokens("p99.9 latency and the 99.9th percentile")).not.toContain("availability");
	});

	it("reads pasted kubectl top output by its rows' names, not its units: no header, no amounts", () => {
		const top = "$ kubectl top pods -n shop\nNAME            CPU(cores)   MEMORY(bytes)\nweb-7d9f-x2x9k  3m           97Mi\n";
		expect(withoutTableHeaders(top)).not.toMatch(/CPU|MEMORY|3m|97Mi/);
		expect(findNames(top).names).toMatchObject({ namespace: "shop", pod: "web-7d9f-x2x9k" });
	});

	it("reads a small number before a word as the word ('4 metrics' is four), never one in pasted output", () => {
		expect(withSmallNumbersAsWords("the 4 metrics to watch")).toBe("the four metrics to watch");
		expect(withSmallNumbersAsWords("0/3 nodes are available, x5 over 2m, v1.2 pods")).toBe(
			"0/3 nodes are available, x5 over 2m, v1.2 pods",
		);
		expect(explainer.explain("what 4 metrics should every api have alerts on").term).toBe("golden-signals");
	});

	it("reads an alert name in its parts when they spell a term's name ('CPUThrottlingHigh' says CPU throttling)", () => {
		expect(explainer.explain("the CPUThrottlingHigh alert keeps firing for our api pods").term).toBe("cpu-throttling");
		expect(explainer.explain("argocd shows OutOfSync").term).toBe("argo-cd");
	});

	it("reads a rare derivation of a course word as that word, not as a subject of its own ('wasteful' is waste)", () => {
		expect(derivedStems("wasteful")).toContain("wast");
		expect(derivedStems("dynamically")).toContain("dynamic");
		expect(derivedStems("pod")).toEqual([]);
		const index = new ExplainIndex(mainCourse());
		const ranking = index.rank("our requests are wasteful");
		expect(ranking.words).toContain("wast");
		expect(ranking.foreignWeight).toBe(0);
	});

	it("reads clipped chat words as the word ('creds' are credentials, 'certs' certificates)", () => {
		expect(tokens("creds certs perms repo several authn authz")).toEqual(
			tokens("credentials certificates permissions repository multiple authentication authorization"),
		);
		expect(explainer.explain("how do i give my pod the api creds").term).toBe("kubernetes-secret");
	});

	it("takes 'Secret NAMESPACE/NAME' as the user's object, not as words of the question", () => {
		const found = findNames("Error: couldn't find key API_TOKEN in Secret shop/app-creds");
		expect(found.names).toMatchObject({ namespace: "shop" });
		expect(found.masked).not.toContain("app-creds");
	});

	it("drops amounts set as values in pasted errors ('requests.cpu=500m'), keeps amounts asked about", () => {
		expect(withoutSpansAndShares("used: requests.cpu=500m,requests.memory=60Gi")).not.toMatch(/500m|60Gi/);
		expect(withoutSpansAndShares("is 512Mi the same as 512M")).toBe("is 512Mi the same as 512M");
	});

	it("weighs a unit written only in an amount as a plain word: a status the question names wins, a question about units stays one", () => {
		expect(explainer.explain("my pod keeps getting OOMKilled even though limits are 2Gi").term).toBe("oomkilled");
		expect(explainer.explain("container app was OOMKilled at 512Mi").term).toBe("oomkilled");
		expect(explainer.explain("what does 500m cpu mean").term).toBe("resource-units");
		expect(explainer.explain("is 1Gi the same as 1G").term).toBe("resource-units");
		expect(explainer.explain("Mi vs M in memory limits").term).toBe("resource-units");
	});

	it("takes a quota's name as a name, and a subresource ('pods/log') as words of the question", () => {
		expect(findNames("is forbidden: exceeded quota: team-b-quota, requested: requests.memory=2Gi").masked).not.toContain("team-b-quota");
		expect(findNames('cannot get resource "pods/log" in API group ""').masked).toContain("pods/log");
		const answer = explainer.explain(
			'Error from server (Forbidden): pods "w-1" is forbidden: exceeded quota: team-b, requested: requests.memory=2Gi, used: requests.memory=7Gi, limited: requests.memory=8Gi',
		);
		expect(answer.term).toBe("resourcequota");
	});

	it("takes the first column of any kubectl table as names, and a line of prose right after it as words", () => {
		const found = findNames("NAME           SYNC STATUS   HEALTH STATUS\nshop-api       OutOfSync     Healthy\nsomeone scaled it by hand");
		expect(found.masked).not.toContain("shop-api");
		expect(found.masked).toContain("someone scaled it by hand");
	});

	it("answers an error line two terms carry with the one the line also names", () => {
		const answer = explainer.explain(
			'Warning  Failed  12s  kubelet  Error: container has runAsNonRoot and image will run as root (pod: "api-0")',
		);
		expect(answer.term).toBe("security-context");
	});

	it("answers a question that names a tool but asks about one of its parts with the part, the tool beside it", () => {
		const scraped = explainer.explain("the prometheus operator ignores the metrics of my new app, nothing shows up as a target");
		expect(scraped).toMatchObject({ answered: true, term: "servicemonitor" });
		expect(scraped.alternatives.map((t) => t.id)).toContain("prometheus");
		expect(explainer.explain("argo cd says OutOfSync but nobody pushed, someone changed it with kubectl edit").term).toBe(
			"drift-detection",
		);
		expect(explainer.explain("what is prometheus").term).toBe("prometheus");
		expect(explainer.explain("what is argo cd and how does it sync").term).toBe("argo-cd");
	});

	it("does not take a name told apart only by a one-letter flag ('kubectl apply -k') as naming its term", () => {
		const kustomize = mainCourse().glossary.find((t) => t.id === "kustomize");
		if (!kustomize) throw new Error("the course has no kustomize term");
		const { phrases, nameKeys, asks } = termTokens(kustomize);
		expect(phrases).not.toContainEqual(["kubectl", "apply"]);
		expect(nameKeys).not.toContain("kubectlapply");
		expect(asks).toContain("apply");
		expect(explainer.explain("kubectl apply -k overlays/prod fails").term).toBe("kustomize");
	});

	it("answers a question asking what something is called with the concept it describes, not a tool it names", () => {
		expect(explainer.explain("one bad change took down every team at once, is there a term for how far a failure reaches?").term).toBe(
			"blast-radius",
		);
		expect(
			explainer.explain("a single argo cd in one cluster that manages all the other clusters, what do you call that setup?").term,
		).toBe("hub-and-spoke");
		expect(explainer.explain("what do you call a group of crows").answered).toBe(false);
		expect(asksForName("what's that layout called?")).toBe(true);
		expect(asksForName("which object binds a Role to a service account in one namespace?")).toBe(true);
		expect(explainer.explain("which object binds a Role to a service account in one namespace?").term).toBe("rolebinding");
		expect(asksForName("what component is responsible for scheduling")).toBe(false);
		expect(asksForName("what is a pod")).toBe(false);
	});

	it("answers a named problem with the fix its lesson gives when the question asks for something to act on it", () => {
		const answer = explainer.explain("my pods sit in Pending with Insufficient memory, we need something to add nodes automatically");
		expect(answer).toMatchObject({ term: "cluster-autoscaler", verdict: "close" });
		expect(answer.alternatives.map((t) => t.id)).toEqual(["pending-pod"]);
		expect(explainer.explain("pods stuck Pending, what is supposed to scale the node pool up?").term).toBe("cluster-autoscaler");
		expect(remedyClause("I want to automatically fix problems")).toBeUndefined();
		expect(explainer.explain("my pods sit in Pending with Insufficient memory, why?").term).toBe("pending-pod");
	});

	it("leads with what to run for a pasted error, with the user's own names in the commands", () => {
		const answer = explainer.explain(`$ kubectl get pods -n checkout
NAME                      READY   STATUS      RESTARTS      AGE
cart-6d4f8b7c9-x7k2p      1/1     Running     0             6m
cart-6d4f8b7c9-zq8mn      0/1     OOMKilled   4 (52s ago)   6m`);
		expect(answer.term).toBe("oomkilled");
		expect(answer.names).toEqual({ namespace: "checkout", pod: "cart-6d4f8b7c9-zq8mn" });
		expect(answer.lead?.run[0]?.command).toBe("kubectl describe pod cart-6d4f8b7c9-zq8mn -n checkout");
		for (const command of answer.diagnose ?? []) expect(command.command).not.toMatch(/web-7c9d8b6f5|-n shop/);
	});

	it("answers a chatty question that names its pod and namespace, and fills both into the commands", () => {
		const answer = explainer.explain("my pod web-7 in namespace shop keeps getting OOMKilled, what do I do");
		expect(answer.term).toBe("oomkilled");
		expect(answer.names).toMatchObject({ namespace: "shop", pod: "web-7" });
		expect(answer.lead?.run[0]?.command).toContain("web-7");
		expect(answer.lead?.run[0]?.command).toContain("-n shop");
	});

	it("reads full-width text, lookalike letters from other scripts and Cyrillic Kubernetes words", () => {
		expect(explainer.explain("ｍｙ ｐｏｄ ｉｓ ＯＯＭＫｉｌｌｅｄ").term).toBe("oomkilled");
		// "Pending" spelt with a Cyrillic Р and е.
		expect(explainer.explain("why is my pod \u0420\u0435nding").term).toBe("pending-pod");
		expect(explainer.explain("почему под в статусе Pending").term).toBe("pending-pod");
	});

	it("reads the asker's own words around a paste: a pasted problem whose fix they ask for is answered with that fix", () => {
		const question = [
			"spring boot app takes ~150s to boot with a cold cache and never finishes starting:",
			'Warning  Unhealthy  95s (x3 over 115s)  kubelet  Liveness probe failed: Get "http://10.244.3.7:8080/healthz": dial tcp 10.244.3.7:8080: connect: connection refused',
			"Normal   Killing    95s                 kubelet  Container ledger failed liveness probe, will be restarted",
		].join("\n");
		const answer = explainer.explain(question);
		expect(answer).toMatchObject({ term: "startup-probe", verdict: "close" });
		expect(answer.alternatives.map((t) => t.id)).toEqual(["liveness-probe"]);
		// Without the asker's words the paste is answered as it is.
		expect(explainer.explain(question.split("\n").slice(1).join("\n")).term).toBe("liveness-probe");
	});

	it("lets the asker's own words around a paste decide between topics the whole question scores alike", () => {
		const table = [
			"$ kubectl top pods -n reports",
			"NAME                       CPU(cores)   MEMORY(bytes)",
			"report-api-6d9f7c-2kx8p    5m           96Mi",
			"report-api-6d9f7c-7hq2w    4m           101Mi",
		];
		const answer = explainer.explain(
			[...table, "every one of them requests 2 cpu and 4Gi, we run 30. what is the name for this kind of waste?"].join("\n"),
		);
		expect(answer).toMatchObject({ term: "over-provisioning", verdict: "close" });
		expect(answer.alternatives.length).toBe(1);
	});

	it("declines what only shares a word with the course, without offering topics that only share that word", () => {
		for (const question of ["how do I bake sourdough bread", "ds", "python list comprehension with an if else"]) {
			const answer = explainer.explain(question);
			expect(answer.answered, question).toBe(false);
			expect(answer.episode).toBeNull();
			expect(answer.alternatives, question).toEqual([]);
		}
	});
});
