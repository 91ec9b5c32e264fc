package io.realtimepipelines.fraud.user;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.realtimepipelines.model.Transaction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Compiles the expressions of one rules version with CEL (dev.cel:cel): parsed and type-checked
 * against the core fields and the declared attributes once, when the rules file is loaded; each
 * {@link Expr} is then evaluated per transaction without compiling.
 */
final class Expressions {
  /** The core variables and their CEL types (docs/fraud-rule-language.md). */
  static final Map<String, CelType> CORE = new LinkedHashMap<>();

  static {
    CORE.put("amount", SimpleType.DOUBLE);
    CORE.put("currency", SimpleType.STRING);
    CORE.put("txnId", SimpleType.STRING);
    CORE.put("accountId", SimpleType.STRING);
    CORE.put("merchantId", SimpleType.STRING);
    CORE.put("cardId", SimpleType.STRING);
    CORE.put("merchantCategory", SimpleType.STRING);
    CORE.put("ip", SimpleType.STRING);
    CORE.put("deviceId", SimpleType.STRING);
    CORE.put("country", SimpleType.STRING);
    CORE.put("lat", SimpleType.DOUBLE);
    CORE.put("lon", SimpleType.DOUBLE);
    CORE.put("hour", SimpleType.INT);
    CORE.put("attributes", MapType.create(SimpleType.STRING, SimpleType.DYN));
  }

  private static final CelOptions OPTIONS =
      CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.plannerRuntimeBuilder().setOptions(OPTIONS).build();

  private final Map<String, AttributeType> attributes;
  private final CelCompiler plain;
  private final CelCompiler withFirst;

  Expressions(Map<String, AttributeType> attributes) {
    this.attributes = attributes;
    CelCompilerBuilder b =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
    CORE.forEach(b::addVar);
    attributes.forEach((name, type) -> b.addVar(name, type.cel));
    plain = b.build();
    withFirst =
        plain
            .toCompilerBuilder()
            .addVar("first", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();
  }

  /** The declared attributes of this rules version. */
  Map<String, AttributeType> attributes() {
    return attributes;
  }

  /** A boolean expression; problems go to {@code problems} with {@code path}, then null. */
  @Nullable Expr condition(String path, String source, boolean first, Consumer<String> problems) {
    return compile(path, source, first, SimpleType.BOOL, problems);
  }

  /** A numeric expression (int or double). */
  @Nullable Expr number(String path, String source, Consumer<String> problems) {
    Expr e = compile(path, source, false, SimpleType.DYN, problems);
    if (e != null && e.type != SimpleType.DOUBLE && e.type != SimpleType.INT) {
      problems.accept(path + ": must be a number, is " + e.type.name() + " ('" + source + "')");
      return null;
    }
    return e;
  }

  /** An expression of any type (the value a distinct count counts). */
  @Nullable Expr value(String path, String source, Consumer<String> problems) {
    return compile(path, source, false, SimpleType.DYN, problems);
  }

  private @Nullable Expr compile(
      String path, String source, boolean first, CelType result, Consumer<String> problems) {
    CelValidationResult r = (first ? withFirst : plain).compile(source);
    if (r.hasError()) {
      r.getErrors()
          .forEach(i -> problems.accept(path + ": " + i.getMessage() + " in '" + source + "'"));
      return null;
    }
    try {
      CelAbstractSyntaxTree ast = r.getAst();
      if (result == SimpleType.BOOL && ast.getResultType() != SimpleType.BOOL) {
        problems.accept(
            path
                + ": must be true or false, is "
                + ast.getResultType().name()
                + " ('"
                + source
                + "')");
        return null;
      }
      String field = source.trim();
      boolean plainField =
          !first
              && field.matches("[A-Za-z_][A-Za-z0-9_]*")
              && !"attributes".equals(field)
              && (CORE.containsKey(field) || attributes.containsKey(field));
      return new Expr(
          source, ast.getResultType(), RUNTIME.createProgram(ast), plainField ? field : null);
    } catch (Exception e) {
      problems.accept(path + ": " + e.getMessage());
      return null;
    }
  }

  /** One compiled expression. */
  static final class Expr {
    final String source;
    final CelType type;
    private final CelRuntime.Program program;

    /**
     * The field when the expression is just a field's name ({@code of: "amount"}): read directly,
     * without CEL (a quarter of an aggregate's cost in UserRulesBenchmark).
     */
    private final @Nullable String field;

    private Expr(String source, CelType type, CelRuntime.Program program, @Nullable String field) {
      this.source = source;
      this.type = type;
      this.program = program;
      this.field = field;
    }

    Object eval(Transaction t, Map<String, AttributeType> declared, @Nullable Transaction first)
        throws RuleError {
      if (field != null) {
        Object v = TxnVars.field(t, field);
        AttributeType declaredType = declared.get(field);
        if (v != null && (declaredType == null || declaredType.accepts(v))) {
          return v;
        }
      }
      TxnVars vars = new TxnVars(t, declared, first);
      try {
        return program.eval(vars);
      } catch (CelEvaluationException e) {
        String why = vars.typeProblem();
        throw new RuleError(why != null ? why : message(e));
      } catch (RuntimeException e) {
        throw new RuleError("'" + source + "' failed: " + e.getMessage());
      }
    }

    boolean test(Transaction t, Map<String, AttributeType> declared, @Nullable Transaction first)
        throws RuleError {
      return Boolean.TRUE.equals(eval(t, declared, first));
    }

    double number(Transaction t, Map<String, AttributeType> declared) throws RuleError {
      Object v = eval(t, declared, null);
      if (v instanceof Number) {
        return ((Number) v).doubleValue();
      }
      throw new RuleError("'" + source + "' gave " + v + ", not a number");
    }

    private String message(CelEvaluationException e) {
      String m = e.getMessage();
      int at = m == null ? -1 : m.indexOf("No value with name");
      if (at >= 0) {
        return "the transaction has no " + m.substring(at + "No value with name".length()).trim();
      }
      return "'" + source + "' failed: " + m;
    }
  }
}
