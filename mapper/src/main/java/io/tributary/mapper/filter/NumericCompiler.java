package io.tributary.mapper.filter;

import io.tributary.mapper.filter.JsonValues.JsonNumber;
import io.tributary.mapper.filter.PatternCompiler.InvalidPatternException;
import java.util.List;

/**
 * Compiles {@code {"numeric": [op, n]}} and {@code {"numeric": [op, n, op, n]}}. Operators are {@code =}, {@code <},
 * {@code <=}, {@code >}, {@code >=}; a range has one lower bound ({@code >}/{@code >=}) and one upper bound
 * ({@code <}/{@code <=}) with lower &lt; upper, and {@code =} stands alone
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-numeric-matching).
 */
final class NumericCompiler {
    private NumericCompiler() {}

    static ValueMatcher numeric(Object operand) throws InvalidPatternException {
        if (!(operand instanceof List<?> terms) || (terms.size() != 2 && terms.size() != 4)) {
            throw new InvalidPatternException("numeric takes [op, number] or [op, number, op, number]");
        }
        double lower = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        boolean lowerInclusive = false;
        boolean upperInclusive = false;
        boolean haveLower = false;
        boolean haveUpper = false;
        for (int i = 0; i < terms.size(); i += 2) {
            if (!(terms.get(i) instanceof String op)) {
                throw new InvalidPatternException("numeric operators are strings");
            }
            if (!(terms.get(i + 1) instanceof JsonNumber number)) {
                throw new InvalidPatternException("numeric operands must be JSON numbers");
            }
            double value = number.value();
            switch (op) {
                case "=" -> {
                    if (terms.size() != 2) {
                        throw new InvalidPatternException("numeric = cannot be combined with another operator");
                    }
                    return new ValueMatcher.Numeric(value, true, value, true);
                }
                case ">", ">=" -> {
                    if (haveLower) {
                        throw new InvalidPatternException("numeric range with two lower bounds");
                    }
                    haveLower = true;
                    lower = value;
                    lowerInclusive = op.equals(">=");
                }
                case "<", "<=" -> {
                    if (haveUpper) {
                        throw new InvalidPatternException("numeric range with two upper bounds");
                    }
                    haveUpper = true;
                    upper = value;
                    upperInclusive = op.equals("<=");
                }
                default -> throw new InvalidPatternException("unknown numeric operator \"" + op + "\"");
            }
        }
        if (haveLower && haveUpper && !(lower < upper)) {
            throw new InvalidPatternException("the lower bound of a numeric range must be below the upper bound");
        }
        return new ValueMatcher.Numeric(lower, lowerInclusive, upper, upperInclusive);
    }
}
