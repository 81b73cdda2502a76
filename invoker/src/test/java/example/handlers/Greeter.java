package example.handlers;

import com.amazonaws.services.lambda.runtime.Context;

/** A handler that implements no interface, named as {@code example.handlers.Greeter::greet}. */
public class Greeter {
    /** The input POJO. */
    public static class Person {
        private String name;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    public String greet(Person person, Context context) {
        return "Hello, " + person.getName() + " from " + context.getFunctionName();
    }
}
