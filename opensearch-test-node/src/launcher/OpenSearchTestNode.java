import java.nio.file.Files;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Starts one OpenSearch node for weblog's tests: {@code java -cp <classpath.txt> OpenSearchTestNode.java DIR HTTP_PORT
 * TRANSPORT_PORT}. It binds to 127.0.0.1 only, keeps its data under DIR, writes DIR/ready when it serves, and stops
 * when its standard input closes: when the test JVM that started it ends, however it ends.
 */
public class OpenSearchTestNode {
    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.onBuild((number, settings) -> {
            settings.put("http.port", args[1]);
            settings.put("transport.port", args[2]);
            settings.put("network.host", "127.0.0.1");
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            settings.put("action.auto_create_index", "false");
        });
        runner.build(OpenSearchRunner.newConfigs().basePath(base.toString()).numOfNode(1).clusterName("weblog-test")
                .disableESLogger());
        runner.ensureYellow();
        Files.writeString(base.resolve("ready"), args[1]);
        while (System.in.read() >= 0) {
            // Reading until the parent closes the pipe.
        }
        runner.close();
        System.exit(0);
    }
}
