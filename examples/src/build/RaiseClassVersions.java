import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step of examples (run by maven-antrun-plugin at package time, in source-file mode with ASM
 * on the class path): rewrites, in place, the classes of a jar whose class-file version is below
 * Java 6 (picocli ships Java 5 bytecode) as Java 8 classes with computed stack map frames. Java 17
 * leaves pre-Java-6 classes, and classes that need the old verifier, out of a class-data-sharing
 * archive; rewritten, they load from the archive like every other class. Nothing but the version
 * and the frames changes: the instructions are copied as they are.
 *
 * <p>Usage: {@code java -cp asm.jar RaiseClassVersions.java JAR}
 */
public class RaiseClassVersions {
  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
    int rewritten = 0;
    try (URLClassLoader types = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        ZipFile in = new ZipFile(jar.toFile());
        OutputStream file = Files.newOutputStream(tmp);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        byte[] bytes = in.getInputStream(entry).readAllBytes();
        if (entry.getName().endsWith(".class") && bytes.length > 8
            && ((bytes[6] & 0xff) << 8 | (bytes[7] & 0xff)) < Opcodes.V1_6) {
          bytes = retarget(bytes, types);
          rewritten++;
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("RaiseClassVersions: " + rewritten + " classes of " + jar.getFileName()
        + " rewritten as Java 8 classes with stack map frames");
  }

  private static byte[] retarget(byte[] bytes, ClassLoader types) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return types;
      }
    };
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
      }
    }, ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }
}
