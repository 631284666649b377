// Schema-checks Kubernetes manifests read from stdin (the output of `kubectl kustomize deploy/k8s`) against the
// OpenAPI schemas of Kubernetes and of the Prometheus Operator CRDs, offline. Exit 1 naming each invalid object.
import { parseAllDocuments } from "yaml";

const CRD_PACKAGES = { "monitoring.coreos.com": "@kubernetes-models/prometheus-operator" };

async function modelOf(apiVersion, kind) {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    const path = group === "" ? `kubernetes-models/${version}/${kind}`
        : CRD_PACKAGES[group] ? `${CRD_PACKAGES[group]}/${group}/${version}/${kind}`
            : `kubernetes-models/${group}/${version}/${kind}`;
    const module = await import(path);
    return module[kind];
}

const input = await new Promise(resolve => {
    let text = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", chunk => text += chunk);
    process.stdin.on("end", () => resolve(text));
});
const failures = [];
let checked = 0;
for (const document of parseAllDocuments(input)) {
    if (document.errors.length > 0) {
        failures.push(`unparsable YAML: ${document.errors[0].message}`);
        continue;
    }
    const object = document.toJS();
    if (!object) {
        continue;
    }
    const name = `${object.kind}/${object.metadata?.name}`;
    try {
        const Model = await modelOf(object.apiVersion, object.kind);
        new Model(object).validate();
        checked++;
    } catch (error) {
        failures.push(`${name}: ${error.message}`);
    }
}
if (failures.length > 0) {
    console.error(failures.join("\n"));
    process.exit(1);
}
console.log(`kubernetes manifests: ${checked} objects valid`);
